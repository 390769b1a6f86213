import { Transform } from 'class-transformer';

const DECIMAL_DIGITS = /^[0-9]+$/;

/**
 * Turns query text of decimal digits only (`10`, `007`) into its number. Any other text, such as
 * `0x10`, `1e3`, ` 10` or an empty value, is left as it is, so the number rule refuses it.
 */
export function DecimalInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value,
  );
}
