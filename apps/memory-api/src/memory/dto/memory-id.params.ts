import { Matches } from 'class-validator';

export const MEMORY_ID_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

/** Path parameters of every `/memories/:id` route. */
export class MemoryIdParams {
  @Matches(MEMORY_ID_PATTERN, {
    message: 'id must be 1 to 128 characters of A-Z a-z 0-9 _ . -',
  })
  id!: string;
}
