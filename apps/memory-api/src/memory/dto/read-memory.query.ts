import { Type } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsIntegerInRange } from '../../common/validation/is-integer-in-range.decorator';

export const DEFAULT_READ_LIMIT = 50;
export const MAX_READ_LIMIT = 1000;

/** Query of `GET /memories/:id`: a page of messages, oldest first. */
export class ReadMemoryQuery {
  @IsOptional()
  @Type(() => Number)
  @IsIntegerInRange(1, MAX_READ_LIMIT)
  limit: number = DEFAULT_READ_LIMIT;

  @IsOptional()
  @Type(() => Number)
  @IsIntegerInRange(0)
  offset: number = 0;
}
