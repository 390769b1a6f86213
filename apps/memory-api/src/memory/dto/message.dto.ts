import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, ValidateIf } from 'class-validator';
import { MESSAGE_ROLES, MessageRole } from '../message-role';

/** One message as a client sends it. */
export class MessageDto {
  @IsIn(MESSAGE_ROLES, { message: `$property must be one of: ${MESSAGE_ROLES.join(', ')}` })
  role!: MessageRole;

  @IsString()
  @IsNotEmpty()
  content!: string;

  /**
   * Free-form JSON object kept with the message as given. It is taken as it was parsed: the
   * conversion into the DTO would drop keys named like members of every object (`toString`).
   */
  @Transform(({ obj }: { obj: { metadata?: unknown } }) => obj.metadata, { toClassOnly: true })
  @ValidateIf((message: MessageDto) => message.metadata !== undefined)
  @IsObject()
  metadata?: Record<string, unknown>;
}
