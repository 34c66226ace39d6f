import { DEFAULT_LIMIT, ListQueryError, MAX_LIMIT, parseDateTime, parseListQuery, toQuery } from './list-query';

const UUID = /^[0-9a-f-]{36}$/;

describe('OParl list parameters', () => {
  it('reads a date-time whether the client encoded its "+" or not', () => {
    expect(parseDateTime('created_since', '2014-01-01T00:00:00+01:00')).toBe('2014-01-01T00:00:00+01:00');
    // an unencoded "+" arrives as a space (form decoding)
    expect(parseDateTime('created_since', '2014-01-01T00:00:00 01:00')).toBe('2014-01-01T00:00:00+01:00');
    expect(parseDateTime('created_since', '2014-01-01t00:00:00z')).toBe('2014-01-01T00:00:00Z');
    expect(parseDateTime('created_since', '2014-01-01T00:00:00.250-05:00')).toBe('2014-01-01T00:00:00.250-05:00');
  });

  it('refuses what is not a full date-time with offset, naming the parameter', () => {
    for (const bad of ['2014-01-01', '2014-01-01T00:00:00', 'gestern', '2014-13-01T00:00:00Z', '2014-01-01T25:00:00Z', '']) {
      expect(() => parseDateTime('modified_since', bad)).toThrow(ListQueryError);
    }
    expect(() => parseDateTime('modified_since', 'gestern')).toThrow(/modified_since/);
  });

  it('takes the four filters, omit_internal, limit and a cursor', () => {
    const q = parseListQuery(
      { created_since: '2020-01-01T00:00:00+01:00', modified_until: '2021-01-01T00:00:00+01:00', omit_internal: 'true', limit: '20', after: '0B4E6A3C-8F2D-4E1A-9C3B-1D2E3F4A5B6C' },
      UUID,
    );
    expect(q).toEqual({ createdSince: '2020-01-01T00:00:00+01:00', modifiedUntil: '2021-01-01T00:00:00+01:00', omitInternal: true, limit: 20, after: '0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c' });
    expect(parseListQuery({}, UUID)).toEqual({ omitInternal: false, limit: DEFAULT_LIMIT });
  });

  it('caps limit at its maximum and refuses nonsense', () => {
    expect(parseListQuery({ limit: '100000' }, UUID).limit).toBe(MAX_LIMIT);
    for (const limit of ['0', '-1', 'zehn', '1.5']) expect(() => parseListQuery({ limit }, UUID)).toThrow(/limit/);
    expect(() => parseListQuery({ omit_internal: 'yes' }, UUID)).toThrow(/omit_internal/);
    expect(() => parseListQuery({ page: '2' }, UUID)).toThrow(/Unbekannte Parameter: page/);
    expect(() => parseListQuery({ limit: ['1', '2'] }, UUID)).toThrow(/nur einmal/);
    expect(() => parseListQuery({ after: 'x' }, UUID)).toThrow(/after/);
    expect(() => parseListQuery({ after: '0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c', before: '0b4e6a3c-8f2d-4e1a-9c3b-1d2e3f4a5b6c' }, UUID)).toThrow(/schließen sich aus/);
  });

  it('writes one canonical query: fixed order, every value encoded, the default limit left out', () => {
    const q = parseListQuery({ limit: '5', omit_internal: 'true', modified_since: '2014-01-01T00:00:00 01:00', created_since: '2013-01-01T00:00:00Z' }, UUID);
    expect(toQuery(q)).toBe('created_since=2013-01-01T00%3A00%3A00Z&modified_since=2014-01-01T00%3A00%3A00%2B01%3A00&omit_internal=true&limit=5');
    expect(toQuery(q, { after: 'abc' })).toMatch(/&limit=5&after=abc$/);
    expect(toQuery(parseListQuery({ limit: String(DEFAULT_LIMIT) }, UUID))).toBe('');
    // canonical in, the same out
    const again = parseListQuery(Object.fromEntries(new URLSearchParams(toQuery(q))), UUID);
    expect(toQuery(again)).toBe(toQuery(q));
  });
});
