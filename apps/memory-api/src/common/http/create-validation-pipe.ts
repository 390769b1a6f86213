import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The pipe every request goes through: unknown fields are refused rather than dropped, and the
 * 400 names each bad field by its path (`messages.3.content should not be empty`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        message: [...new Set(flatten(errors))],
      }),
  });
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, text]) => {
      if (constraint === 'whitelistValidation') return `${path} is not an accepted field`;
      if (constraint === 'nestedValidation') return `${path} must be an object`;
      // Other texts start with the property name, so the parent path in front makes a full path.
      return parent ? `${parent}.${text}` : text;
    });
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
