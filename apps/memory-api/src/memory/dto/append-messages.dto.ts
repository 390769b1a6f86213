import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { IsListOfSize } from '../../common/validation/is-list-of-size.decorator';
import { MessageDto } from './message.dto';

export const MAX_APPEND_MESSAGES = 100;

/** Body of `POST /memories/:id/messages`. */
export class AppendMessagesDto {
  @IsListOfSize(1, MAX_APPEND_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => MessageDto)
  messages!: MessageDto[];
}
