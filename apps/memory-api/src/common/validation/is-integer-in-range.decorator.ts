import { ValidateBy, ValidationOptions } from 'class-validator';

/** The value is an integer from `min` to `max`; one rule, so a bad value gets one clear message. */
export function IsIntegerInRange(
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIntegerInRange',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
        defaultMessage: () => `$property must be an integer from ${min} to ${max}`,
      },
    },
    options,
  );
}
