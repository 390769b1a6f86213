import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { IsListOfSize } from '../../common/validation/is-list-of-size.decorator';
import { MessageDto } from './message.dto';

export const MAX_REPLACE_MESSAGES = 1000;

/** Body of `PUT /memories/:id`; an empty list leaves the memory empty. */
export class ReplaceMessagesDto {
  @IsListOfSize(0, MAX_REPLACE_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => MessageDto)
  messages!: MessageDto[];
}
