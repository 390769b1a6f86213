import { IsDefined, ValidateIf } from 'class-validator';
import { IsIntegerInRange } from '../../common/validation/is-integer-in-range.decorator';

const BUDGET_REQUIRED = 'maxTokens or maxMessages is required';

/** Body of `POST /memories/:id/flush`: at least one budget; the oldest messages go first. */
export class FlushMemoryDto {
  // Checked when given, and required when the other budget is absent.
  @ValidateIf(
    (body: FlushMemoryDto) => body.maxTokens !== undefined || body.maxMessages === undefined,
  )
  @IsDefined({ message: BUDGET_REQUIRED })
  @IsIntegerInRange(0)
  maxTokens?: number;

  @ValidateIf(
    (body: FlushMemoryDto) => body.maxMessages !== undefined || body.maxTokens === undefined,
  )
  @IsDefined({ message: BUDGET_REQUIRED })
  @IsIntegerInRange(0)
  maxMessages?: number;
}
