import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';

/** Settings the app under test must have been started with. */
export const E2E_LOCK_WAIT_TIMEOUT_MS = 300;

/**
 * The app a behaviour spec runs against, and a fresh memory id for every test. Each behaviour
 * file copies `app`, `http` and `id` into its own variables in a `beforeEach` that runs after
 * this one.
 */
export class ApiUnderTest {
  app!: NestExpressApplication;
  http!: ReturnType<NestExpressApplication['getHttpServer']>;
  id!: string;
  private counter = 0;

  constructor(current: () => NestExpressApplication) {
    beforeEach(() => {
      this.app = current();
      this.http = this.app.getHttpServer();
      this.counter += 1;
      this.id = `chat-${this.counter}.e2e`;
    });
  }

  append(memoryId: string, messages: unknown[]) {
    return request(this.http).post(`/memories/${memoryId}/messages`).send({ messages });
  }
}
