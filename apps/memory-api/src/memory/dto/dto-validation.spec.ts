import { parse as parseQuery } from 'node:querystring';
import { ArgumentMetadata, BadRequestException, Type } from '@nestjs/common';
import { createValidationPipe } from '../../common/http/create-validation-pipe';
import { AppendMessagesDto } from './append-messages.dto';
import { FlushMemoryDto } from './flush-memory.dto';
import { MemoryIdParams } from './memory-id.params';
import { ReadMemoryQuery } from './read-memory.query';
import { ReplaceMessagesDto } from './replace-messages.dto';

const pipe = createValidationPipe();

async function validate<T>(
  metatype: Type<T>,
  value: unknown,
  type: ArgumentMetadata['type'] = 'body',
) {
  return (await pipe.transform(value, { type, metatype })) as T;
}

async function problems(
  metatype: Type<unknown>,
  value: unknown,
  type: ArgumentMetadata['type'] = 'body',
) {
  try {
    await validate(metatype, value, type);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as Record<string, unknown>;
    expect(body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
    });
    return body.message as string[];
  }
  throw new Error('expected the value to be refused');
}

const user = (content: string) => ({ role: 'user', content });

describe('AppendMessagesDto', () => {
  it('accepts 1 to 100 messages with every role and optional metadata', async () => {
    const body = {
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'u', metadata: { a: [1, { b: null }] } },
        { role: 'assistant', content: 'a' },
        { role: 'tool', content: 't', metadata: {} },
      ],
    };
    const dto = await validate(AppendMessagesDto, body);
    expect(dto).toBeInstanceOf(AppendMessagesDto);
    expect(dto.messages[1].metadata).toEqual({ a: [1, { b: null }] });
    await expect(
      validate(AppendMessagesDto, { messages: Array.from({ length: 100 }, () => user('x')) }),
    ).resolves.toBeDefined();
  });

  it.each([
    ['no messages field', {}, 'messages must be a list of 1 to 100 items'],
    [
      'messages that are not a list',
      { messages: 'hi' },
      'messages must be a list of 1 to 100 items',
    ],
    ['an empty list', { messages: [] }, 'messages must be a list of 1 to 100 items'],
    [
      '101 messages',
      { messages: Array.from({ length: 101 }, () => user('x')) },
      'messages must be a list of 1 to 100 items',
    ],
    ['empty content', { messages: [user('')] }, 'messages.0.content should not be empty'],
    [
      'content of the wrong type',
      { messages: [user('ok'), { role: 'user', content: 5 }] },
      'messages.1.content must be a string',
    ],
    [
      'an unknown role',
      { messages: [{ role: 'admin', content: 'x' }] },
      'messages.0.role must be one of: system, user, assistant, tool',
    ],
    [
      'metadata that is not an object',
      { messages: [{ ...user('x'), metadata: [1] }] },
      'messages.0.metadata must be an object',
    ],
    [
      'null metadata',
      { messages: [{ ...user('x'), metadata: null }] },
      'messages.0.metadata must be an object',
    ],
    [
      'an unknown field in a message',
      { messages: [{ ...user('x'), seq: 4 }] },
      'messages.0.seq is not an accepted field',
    ],
    [
      'an unknown top-level field',
      { messages: [user('x')], id: 'x' },
      'id is not an accepted field',
    ],
  ])('refuses %s, naming the field', async (_case, body, message) => {
    expect(await problems(AppendMessagesDto, body)).toContain(message);
  });
});

/** `depth` objects `{"a":…}` around `1`, as JSON text. */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** `depth` arrays `[…]` around `1`, as JSON text. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
/** An append body with one message, from JSON text as a client sends it. */
const appendBody = (messageFields: string) =>
  JSON.parse(`{"messages":[{"role":"user","content":"x",${messageFields}}]}`);

describe('the shape of a body, checked before the validation walks it', () => {
  it.each([
    ['metadata of objects nested 5 000 deep', `"metadata":${nestedObjects(5000)}`],
    ['metadata of arrays nested 5 000 deep', `"metadata":${nestedArrays(5000)}`],
    ['a metadata field of arrays nested 5 000 deep', `"metadata":{"a":${nestedArrays(5000)}}`],
    ['metadata nested 33 deep', `"metadata":${nestedObjects(33)}`],
  ])('refuses %s, naming the field and the limit', async (_case, fields) => {
    expect(await problems(AppendMessagesDto, appendBody(fields))).toEqual([
      'messages.0.metadata is nested more than 32 levels deep',
    ]);
  });

  it('keeps metadata nested 32 deep as it was sent', async () => {
    const body = appendBody(`"metadata":${nestedObjects(32)}`);
    const sent = JSON.parse(nestedObjects(32));

    const dto = await validate(AppendMessagesDto, body);

    expect(dto.messages[0].metadata).toEqual(sent);
  });

  it('refuses deep nesting anywhere else too, naming the field', async () => {
    expect(await problems(AppendMessagesDto, appendBody(`"tags":${nestedArrays(5000)}`))).toEqual([
      'messages.0.tags is nested more than 32 levels deep',
    ]);
    const deepTopLevel = JSON.parse(`{"messages":[],"extra":${nestedObjects(5000)}}`);
    expect(await problems(ReplaceMessagesDto, deepTopLevel)).toEqual([
      'extra is nested more than 34 levels deep',
    ]);
    expect(await problems(FlushMemoryDto, JSON.parse(nestedArrays(5000)))).toEqual([
      '0 is nested more than 34 levels deep',
    ]);
  });

  it('takes metadata of up to 10 000 values, and objects of up to 1 000 keys', async () => {
    const values = { list: Array.from({ length: 9998 }, (_, i) => i) };
    const keys = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));

    const dto = await validate(AppendMessagesDto, {
      messages: [user('x'), { ...user('y'), metadata: values }, { ...user('z'), metadata: keys }],
    });

    expect(dto.messages[1].metadata).toEqual(values);
    expect(dto.messages[2].metadata).toEqual(keys);
  });

  it('refuses metadata of more than 10 000 values, and objects of more than 1 000 keys', async () => {
    const values = { list: Array.from({ length: 9999 }, (_, i) => i) };
    expect(
      await problems(AppendMessagesDto, {
        messages: [user('x'), { ...user('y'), metadata: values }],
      }),
    ).toEqual(['messages.1.metadata holds more than 10000 values']);

    const keys = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
    expect(
      await problems(AppendMessagesDto, { messages: [{ ...user('y'), metadata: { keys } }] }),
    ).toEqual(['messages.0.metadata.keys has more than 1000 keys']);
    expect(await problems(AppendMessagesDto, { messages: [{ ...user('y'), ...keys }] })).toEqual([
      'messages.0 has more than 1000 keys',
    ]);
    expect(await problems(FlushMemoryDto, { maxTokens: 1, ...keys })).toEqual([
      'request body has more than 1000 keys',
    ]);
  });

  it.each([
    ['__proto__', `"__proto__":{"a":1}`],
    ['constructor', `"constructor":{"a":1}`],
    ['prototype', `"prototype":1`],
    ['toString', `"toString":1`],
    ['hasOwnProperty', `"hasOwnProperty":"x"`],
    ['valueOf', `"valueOf":null`],
  ])('refuses a message field named %s as unknown', async (name, fields) => {
    expect(await problems(AppendMessagesDto, appendBody(fields))).toEqual([
      `messages.0.${name} is not an accepted field`,
    ]);
  });

  it('refuses top-level fields named like members of every object as unknown', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'isPrototypeOf']) {
      const body = JSON.parse(`{"maxMessages":1,"${name}":{"maxMessages":2}}`);
      expect(await problems(FlushMemoryDto, body)).toEqual([`${name} is not an accepted field`]);
    }
  });

  it.each([
    ['__proto__', `"metadata":{"__proto__":{"x":1}}`, 'messages.0.metadata.__proto__'],
    ['constructor', `"metadata":{"a":{"constructor":1}}`, 'messages.0.metadata.a.constructor'],
    ['prototype', `"metadata":{"a":[{"prototype":null}]}`, 'messages.0.metadata.a.0.prototype'],
  ])('refuses a metadata key named %s wherever it is, naming it', async (_name, fields, path) => {
    expect(await problems(AppendMessagesDto, appendBody(fields))).toEqual([
      `${path} is not an accepted key: metadata keys may not be __proto__, constructor, prototype`,
    ]);
  });

  it('keeps other metadata keys named like members of every object, and odd ones, as sent', async () => {
    const metadata = JSON.parse(
      '{"toString":"a","hasOwnProperty":1,"valueOf":null,"__defineGetter__":[],"":{"0":"zero"},' +
        '"a.b":{"toLocaleString":{"isPrototypeOf":true}},"list":[{"propertyIsEnumerable":2}]}',
    );

    const dto = await validate(AppendMessagesDto, { messages: [{ ...user('x'), metadata }] });

    expect(dto.messages[0].metadata).toEqual(metadata);
    expect(Object.keys(dto.messages[0].metadata as object)).toEqual(Object.keys(metadata));
  });
});

describe('ReplaceMessagesDto', () => {
  it('accepts 0 to 1000 messages', async () => {
    await expect(validate(ReplaceMessagesDto, { messages: [] })).resolves.toBeDefined();
    const many = { messages: Array.from({ length: 1000 }, () => user('x')) };
    await expect(validate(ReplaceMessagesDto, many)).resolves.toBeDefined();
  });

  it('refuses 1001 messages and bad messages', async () => {
    const tooMany = { messages: Array.from({ length: 1001 }, () => user('x')) };
    expect(await problems(ReplaceMessagesDto, tooMany)).toContain(
      'messages must be a list of 0 to 1000 items',
    );
    expect(await problems(ReplaceMessagesDto, { messages: [user('x'), 'hi'] })).toEqual([
      'messages.1 must be an object',
    ]);
  });
});

describe('FlushMemoryDto', () => {
  it('accepts either budget or both', async () => {
    await expect(validate(FlushMemoryDto, { maxTokens: 0 })).resolves.toEqual({ maxTokens: 0 });
    await expect(validate(FlushMemoryDto, { maxMessages: 3 })).resolves.toEqual({ maxMessages: 3 });
    await expect(validate(FlushMemoryDto, { maxTokens: 9, maxMessages: 3 })).resolves.toEqual({
      maxTokens: 9,
      maxMessages: 3,
    });
  });

  it('needs at least one budget', async () => {
    expect(await problems(FlushMemoryDto, {})).toEqual(['maxTokens or maxMessages is required']);
    expect(await problems(FlushMemoryDto, { maxTokens: null })).toEqual([
      'maxTokens or maxMessages is required',
    ]);
  });

  it.each([
    [{ maxTokens: -1 }, 'maxTokens must be an integer from 0 to 9007199254740991'],
    [{ maxTokens: 1.5 }, 'maxTokens must be an integer from 0 to 9007199254740991'],
    [{ maxMessages: '3' }, 'maxMessages must be an integer from 0 to 9007199254740991'],
    [
      { maxMessages: 2, maxTokens: 'many' },
      'maxTokens must be an integer from 0 to 9007199254740991',
    ],
    [{ maxMessages: 2, keep: 1 }, 'keep is not an accepted field'],
  ])('refuses %j, naming the field', async (body, message) => {
    expect(await problems(FlushMemoryDto, body)).toContain(message);
  });
});

describe('ReadMemoryQuery', () => {
  it('defaults to limit 50 and offset 0, and turns query text into numbers', async () => {
    await expect(validate(ReadMemoryQuery, {}, 'query')).resolves.toEqual({ limit: 50, offset: 0 });
    await expect(
      validate(ReadMemoryQuery, { limit: '1000', offset: '7' }, 'query'),
    ).resolves.toEqual({ limit: 1000, offset: 7 });
  });

  it('reads decimal digits only, leading zeros included', async () => {
    await expect(
      validate(ReadMemoryQuery, { limit: '007', offset: '000' }, 'query'),
    ).resolves.toEqual({ limit: 7, offset: 0 });
  });

  it.each([
    [{ limit: '0x10' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '1e3' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: ' 10' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '10 ' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '+10' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '10.0' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '0b11' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '１０' }, 'limit must be an integer from 1 to 1000'],
    [{ offset: '0o7' }, 'offset must be an integer from 0 to 9007199254740991'],
    [{ offset: '99999999999999999999' }, 'offset must be an integer from 0 to 9007199254740991'],
    [parseQuery('constructor=1'), 'constructor is not an accepted field'],
    [parseQuery('__proto__=1'), '__proto__ is not an accepted field'],
    [parseQuery('prototype=1&limit=2'), 'prototype is not an accepted field'],
    [parseQuery('toString=1'), 'toString is not an accepted field'],
    [{ limit: '0' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '1001' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: 'ten' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: '' }, 'limit must be an integer from 1 to 1000'],
    [{ limit: ['1', '2'] }, 'limit must be an integer from 1 to 1000'],
    [{ offset: '-1' }, 'offset must be an integer from 0 to 9007199254740991'],
    [{ offset: '0.5' }, 'offset must be an integer from 0 to 9007199254740991'],
    [{ page: '2' }, 'page is not an accepted field'],
  ])('refuses %j, naming the field', async (query, message) => {
    expect(await problems(ReadMemoryQuery, query, 'query')).toContain(message);
  });
});

describe('MemoryIdParams', () => {
  it.each(['a', 'chat-42', 'user_7.session-3', 'x'.repeat(128)])('accepts %s', async (id) => {
    await expect(validate(MemoryIdParams, { id }, 'param')).resolves.toEqual({ id });
  });

  it.each(['', 'x'.repeat(129), 'a b', 'a/b', '{a}', 'ä', 'a:b'])('refuses %j', async (id) => {
    expect(await problems(MemoryIdParams, { id }, 'param')).toEqual([
      'id must be 1 to 128 characters of A-Z a-z 0-9 _ . -',
    ]);
  });
});
