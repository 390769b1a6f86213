import { splitRoles } from './run-clients';

describe('splitRoles', () => {
  it('keeps most clients appending and at least one appender', () => {
    expect(splitRoles(24)).toEqual({ appenders: 16, flushers: 4, readers: 4 });
    expect(splitRoles(3)).toEqual({ appenders: 1, flushers: 1, readers: 1 });
    expect(splitRoles(2)).toEqual({ appenders: 1, flushers: 1, readers: 0 });
    expect(splitRoles(1)).toEqual({ appenders: 1, flushers: 0, readers: 0 });
  });
});
