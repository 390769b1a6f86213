import { IsOptional } from 'class-validator';
import { DecimalInteger } from '../../common/validation/decimal-integer.decorator';
import { IsIntegerInRange } from '../../common/validation/is-integer-in-range.decorator';

export const DEFAULT_READ_LIMIT = 50;
export const MAX_READ_LIMIT = 1000;

/** Query of `GET /memories/:id`: a page of messages, oldest first. */
export class ReadMemoryQuery {
  @IsOptional()
  @DecimalInteger()
  @IsIntegerInRange(1, MAX_READ_LIMIT)
  limit: number = DEFAULT_READ_LIMIT;

  @IsOptional()
  @DecimalInteger()
  @IsIntegerInRange(0)
  offset: number = 0;
}
