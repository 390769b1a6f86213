import { ValidateBy, ValidationOptions } from 'class-validator';

/** The value is an array of `min` to `max` items; one rule, so a bad value gets one clear message. */
export function IsListOfSize(
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isListOfSize',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) && value.length >= min && value.length <= max,
        defaultMessage: () => `$property must be a list of ${min} to ${max} items`,
      },
    },
    options,
  );
}
