import { parseDictionaryOptions } from './text-search';

describe('text search dictionary options as the server writes them', () => {
  test('plain names and literals, in their order', () => {
    expect(parseDictionaryOptions("stopwords = 'english', accept = 'false'")).toEqual([
      ['stopwords', "'english'"],
      ['accept', "'false'"],
    ]);
  });

  test('quoted names, doubled quotes and E strings with backslashes', () => {
    expect(parseDictionaryOptions(`"Odd ""Name""" = 'it''s, odd', path = E'a\\\\b'`)).toEqual([
      ['Odd "Name"', "'it''s, odd'"],
      ['path', "E'a\\\\b'"],
    ]);
  });

  test('no options', () => {
    expect(parseDictionaryOptions(null)).toEqual([]);
    expect(parseDictionaryOptions('')).toEqual([]);
  });
});
