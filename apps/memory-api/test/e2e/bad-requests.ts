import { user } from '../support/test-app';

/** A request no part of which may be stored, and the text the 400 must contain. */
export interface BadRequestCase {
  name: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  message: string;
  /** The error's `code`; `VALIDATION_FAILED` when not given. */
  code?: string;
}

/** An append body of one message with `fields` added, as JSON text. */
const messageWith = (fields: string) => `{"messages":[{"role":"user","content":"x",${fields}}]}`;

/** Requests against memory `id` that must all be refused with 400, naming the field. */
export function badRequests(id: string): BadRequestCase[] {
  const many = (n: number) => Array.from({ length: n }, (_, i) => user(`m${i}`));
  return [
    {
      name: 'metadata of objects nested 5 000 deep',
      method: 'post',
      path: `/memories/${id}/messages`,
      rawBody: messageWith(`"metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
      message: 'messages.0.metadata is nested more than 32 levels deep',
    },
    {
      name: 'metadata of arrays nested 5 000 deep',
      method: 'post',
      path: `/memories/${id}/messages`,
      rawBody: messageWith(`"metadata":{"a":${'['.repeat(5000)}1${']'.repeat(5000)}}`),
      message: 'messages.0.metadata is nested more than 32 levels deep',
    },
    {
      name: 'replace with metadata nested 33 deep',
      method: 'put',
      path: `/memories/${id}`,
      rawBody: messageWith(`"metadata":${'{"a":'.repeat(33)}1${'}'.repeat(33)}`),
      message: 'messages.0.metadata is nested more than 32 levels deep',
    },
    {
      name: 'a message field named __proto__',
      method: 'post',
      path: `/memories/${id}/messages`,
      rawBody: messageWith('"__proto__":{"a":1}'),
      message: 'messages.0.__proto__ is not an accepted field',
    },
    {
      name: 'a message field named constructor',
      method: 'post',
      path: `/memories/${id}/messages`,
      rawBody: messageWith('"constructor":{"a":1}'),
      message: 'messages.0.constructor is not an accepted field',
    },
    {
      name: 'a metadata key named __proto__',
      method: 'post',
      path: `/memories/${id}/messages`,
      rawBody: messageWith('"metadata":{"__proto__":{"x":1}}'),
      message: 'messages.0.metadata.__proto__ is not an accepted key',
    },
    {
      name: 'flush with a field named toString',
      method: 'post',
      path: `/memories/${id}/flush`,
      rawBody: '{"maxMessages":0,"toString":1}',
      message: 'toString is not an accepted field',
    },
    {
      name: 'read with a hexadecimal limit',
      method: 'get',
      path: `/memories/${id}`,
      query: { limit: '0x10' },
      message: 'limit must be an integer from 1 to 1000',
    },
    {
      name: 'read with a limit in exponent notation',
      method: 'get',
      path: `/memories/${id}`,
      query: { limit: '1e3' },
      message: 'limit must be an integer from 1 to 1000',
    },
    {
      name: 'read with a limit after a space',
      method: 'get',
      path: `/memories/${id}`,
      query: { limit: ' 10' },
      message: 'limit must be an integer from 1 to 1000',
    },
    {
      name: 'read with a parameter named constructor',
      method: 'get',
      path: `/memories/${id}?constructor=1`,
      message: 'constructor is not an accepted field',
    },
    {
      name: 'append without messages',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: {},
      message: 'messages must be a list of 1 to 100 items',
    },
    {
      name: 'append of an empty list',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [] },
      message: 'messages must be a list of 1 to 100 items',
    },
    {
      name: 'append of 101 messages',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: many(101) },
      message: 'messages must be a list of 1 to 100 items',
    },
    {
      name: 'empty content',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [user('ok'), user('')] },
      message: 'messages.1.content should not be empty',
    },
    {
      name: 'content that is not a string',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [{ role: 'user', content: 42 }] },
      message: 'messages.0.content must be a string',
    },
    {
      name: 'an unknown role',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [{ role: 'robot', content: 'x' }] },
      message: 'messages.0.role must be one of: system, user, assistant, tool',
    },
    {
      name: 'metadata that is not an object',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [user('x', { metadata: 'tag' })] },
      message: 'messages.0.metadata must be an object',
    },
    {
      name: 'an unknown field in a message',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [user('x', { seq: 1 })] },
      message: 'messages.0.seq is not an accepted field',
    },
    {
      name: 'an unknown top-level field',
      method: 'post',
      path: `/memories/${id}/messages`,
      body: { messages: [user('x')], force: true },
      message: 'force is not an accepted field',
    },
    {
      name: 'a body that is not JSON',
      method: 'post',
      path: `/memories/${id}/messages`,
      rawBody: '{"messages": [',
      message: 'request body is not valid JSON',
      code: 'INVALID_JSON',
    },
    {
      name: 'an id with a bad character',
      method: 'post',
      path: '/memories/bad!id/messages',
      body: { messages: [user('x')] },
      message: 'id must be 1 to 128 characters',
    },
    {
      name: 'an id of 129 characters',
      method: 'post',
      path: `/memories/${'a'.repeat(129)}/messages`,
      body: { messages: [user('x')] },
      message: 'id must be 1 to 128 characters',
    },
    {
      name: 'replace with 1001 messages',
      method: 'put',
      path: `/memories/${id}`,
      body: { messages: many(1001) },
      message: 'messages must be a list of 0 to 1000 items',
    },
    {
      name: 'replace with a bad message',
      method: 'put',
      path: `/memories/${id}`,
      body: { messages: [user('x'), { role: 'user' }] },
      message: 'messages.1.content should not be empty',
    },
    {
      name: 'replace without messages',
      method: 'put',
      path: `/memories/${id}`,
      body: {},
      message: 'messages must be a list of 0 to 1000 items',
    },
    {
      name: 'flush without a budget',
      method: 'post',
      path: `/memories/${id}/flush`,
      body: {},
      message: 'maxTokens or maxMessages is required',
    },
    {
      name: 'flush with a negative budget',
      method: 'post',
      path: `/memories/${id}/flush`,
      body: { maxTokens: -1 },
      message: 'maxTokens must be an integer from 0',
    },
    {
      name: 'flush with a budget as text',
      method: 'post',
      path: `/memories/${id}/flush`,
      body: { maxMessages: '1' },
      message: 'maxMessages must be an integer from 0',
    },
    {
      name: 'flush with an unknown field',
      method: 'post',
      path: `/memories/${id}/flush`,
      body: { maxMessages: 0, all: true },
      message: 'all is not an accepted field',
    },
    {
      name: 'clear of a bad id',
      method: 'delete',
      path: `/memories/${id}~`,
      message: 'id must be 1 to 128 characters',
    },
    {
      name: 'read with limit 0',
      method: 'get',
      path: `/memories/${id}`,
      query: { limit: '0' },
      message: 'limit must be an integer from 1 to 1000',
    },
    {
      name: 'read with limit 1001',
      method: 'get',
      path: `/memories/${id}`,
      query: { limit: '1001' },
      message: 'limit must be an integer from 1 to 1000',
    },
    {
      name: 'read with a limit as text',
      method: 'get',
      path: `/memories/${id}`,
      query: { limit: 'all' },
      message: 'limit must be an integer from 1 to 1000',
    },
    {
      name: 'read with a negative offset',
      method: 'get',
      path: `/memories/${id}`,
      query: { offset: '-1' },
      message: 'offset must be an integer from 0',
    },
    {
      name: 'read with an unknown parameter',
      method: 'get',
      path: `/memories/${id}`,
      query: { page: '2' },
      message: 'page is not an accepted field',
    },
  ];
}
