import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { findRequestShapeProblem } from '../validation/request-shape';

/**
 * The pipe every request goes through: unknown fields are refused rather than dropped, and the
 * 400 names each bad field by its path (`messages.3.content should not be empty`).
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed([...new Set(flatten(errors))]),
  });
}

/**
 * Looks at the shape of a body or query first (`findRequestShapeProblem`): the validation walks
 * them recursively, so a body nested thousands deep would overflow its stack, and it silently
 * drops keys such as `__proto__` instead of refusing them as unknown fields.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = findRequestShapeProblem(value);
      if (problem !== undefined) throw validationFailed([problem]);
    }
    return super.transform(value, metadata);
  }
}

function validationFailed(messages: string[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'VALIDATION_FAILED',
    message: messages,
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
