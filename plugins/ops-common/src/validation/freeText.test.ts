import { visibleText } from './freeText';

describe('visibleText', () => {
  it('leaves nothing of text made only of invisible characters', () => {
    for (const text of [
      '\u200b',
      '\u200b\u200c\u200d\u2060\ufeff',
      '\u3164\u115f\u1160\uffa0',
      ' \u00ad\u200e\u200f ',
      '\u0000\u0007',
    ])
      expect(visibleText(text)).toBe('');
  });

  it('keeps what a person wrote, normalised, line breaks included', () => {
    expect(visibleText('  Being\u200b retired\nin Q1 ')).toBe(
      'Being retired\nin Q1',
    );
    // NFKC: full-width letters and ligatures become their plain forms.
    expect(visibleText('ｍｉｇｒａｔｉｏｎ ﬁx')).toBe('migration fix');
  });
});
