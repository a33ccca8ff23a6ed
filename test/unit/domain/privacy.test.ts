import { ERASED, flattenForCsv, mentions, personalNeedles, scrubbed } from '../../../src/domain/privacy';

describe('erasing a person from text', () => {
  const needles = personalNeedles({ name: 'Zoë Fairweather', email: 'zoe@acme.io', phone: '+44 7700 900123' });

  it('replaces name, each name word, email and phone, whatever the case or accents, whole words only', () => {
    const value = { note: 'Called ZOE about Zoetrope; zoe@acme.io, +44 7700 900123', who: ['Zoë Fairweather', 'Fairweather-Smith'] };
    expect(scrubbed(value, needles)).toEqual({ note: `Called ${ERASED} about Zoetrope; ${ERASED}, ${ERASED}`, who: [ERASED, `${ERASED}-Smith`] });
  });

  it('answers the very same value when it names nobody, and keeps JSON intact around quotes', () => {
    const value = { note: 'Nothing about anyone "here"' };
    expect(scrubbed(value, needles)).toBe(value);
    expect(mentions(value, needles)).toBe(false);
    expect(scrubbed({ q: '"Zoë" said' }, needles)).toEqual({ q: `"${ERASED}" said` });
  });

  it('flattens an export to path and value pairs for the CSV', () => {
    expect(flattenForCsv({ contact: { name: 'Zoë', tags: ['a'] }, n: null })).toEqual([['contact.name', 'Zoë'], ['contact.tags.0', 'a'], ['n', '']]);
  });
});
