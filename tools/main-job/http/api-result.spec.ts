import { classifyFailure, classifyStatus } from './api-result';

describe('classifyStatus', () => {
  it('counts an answer by its code, and knows which answers changed nothing', () => {
    expect(classifyStatus(409, { code: 'LOCK_TIMEOUT' })).toMatchObject({
      kind: 'LOCK_TIMEOUT',
      outcome: 'refused',
    });
    expect(classifyStatus(409, { code: 'LOCK_LOST' })).toMatchObject({ outcome: 'refused' });
    expect(classifyStatus(400, { code: 'VALIDATION_FAILED' })).toMatchObject({
      outcome: 'refused',
    });
    expect(classifyStatus(503, { code: 'LOCK_BACKEND_UNAVAILABLE' })).toMatchObject({
      kind: 'LOCK_BACKEND_UNAVAILABLE',
      outcome: 'uncertain',
    });
    expect(classifyStatus(502, 'Bad Gateway')).toMatchObject({
      kind: 'HTTP_502',
      outcome: 'uncertain',
    });
  });
});

describe('classifyFailure', () => {
  it('treats a request without an answer as one that may have happened', () => {
    const timeout = Object.assign(new Error('t'), { name: 'TimeoutError' });
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });

    expect(classifyFailure(timeout)).toMatchObject({
      kind: 'REQUEST_TIMEOUT',
      outcome: 'uncertain',
    });
    expect(classifyFailure(refused)).toMatchObject({
      kind: 'NETWORK',
      outcome: 'uncertain',
      detail: 'ECONNREFUSED',
    });
  });
});
