import { ConfigurableModuleBuilder } from '@nestjs/common';
import { MemoryLockModuleOptions } from './memory-lock.options';

export const {
  ConfigurableModuleClass: ConfigurableMemoryLockModule,
  MODULE_OPTIONS_TOKEN: MEMORY_LOCK_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<MemoryLockModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
