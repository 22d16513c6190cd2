import { readExample } from '../__testUtils__/examples';
import { canonicalDescriptorText } from './yaml';
import { parseOpsDescriptor } from './parseDescriptor';
import { parseOpsAnnotations } from './parseAnnotations';
import { parseSection } from './parseSection';
import { worthKeeping } from './parseMemo';

// Counts the schema walks; parses as before.
jest.mock('./parseSection', () => {
  const actual = jest.requireActual('./parseSection');
  return { ...actual, parseSection: jest.fn(actual.parseSection) };
});
const parses = parseSection as jest.MockedFunction<typeof parseSection>;

const json = (text: string) => canonicalDescriptorText(text);

describe('parses kept for texts seen again', () => {
  beforeEach(() => parses.mockClear());

  it('gives the same text the same parse, each caller its own copy', () => {
    const text = `apiVersion: opskit.io/v1\nkind: OpsDescriptor\nenvironments: [{name: production, url: 'http://x'}]\nlogging: {tool: Loki, retention: 30d, unknownField: 1}\n`;
    const first = parseOpsDescriptor(text);
    const expected = JSON.parse(JSON.stringify(first));
    // Kept the second time it is seen: the third comes from what was kept.
    parseOpsDescriptor(text);
    const second = parseOpsDescriptor(text);
    expect(second).toEqual(first);
    expect(first.issues.length).toBeGreaterThan(0);
    // Callers locate and extend what they get: changing it changes no other parse.
    first.issues[0].path = 'moved';
    first.issues.push({ path: 'x', severity: 'error', message: 'added' });
    (second.sections.environments as any)[0].name = 'changed';
    expect(JSON.parse(JSON.stringify(parseOpsDescriptor(text)))).toEqual(
      expected,
    );
  });

  it('parses a section two descriptors share once, each one’s other sections its own', () => {
    const base = readExample('payments-api/ops.yaml');
    const a = json(base.replace(/payments/g, 'alpha'));
    const b = json(base.replace(/payments/g, 'beta'));
    const c = json(base.replace(/payments/g, 'gamma'));
    const pa = parseOpsDescriptor(a);
    const parsedForA = parses.mock.calls.length;
    // Kept the second time a section is seen: from the third descriptor on, only the sections that name the service are parsed.
    const pb = parseOpsDescriptor(b);
    parses.mockClear();
    parseOpsDescriptor(c);
    const parsedForC = parses.mock.calls.length;
    expect(parsedForC).toBeGreaterThan(0);
    expect(parsedForC).toBeLessThan(parsedForA);
    expect(pa.sections.severities).toEqual(pb.sections.severities);
    expect(JSON.stringify(pa.sections.environments)).toContain('alpha');
    expect(JSON.stringify(pb.sections.environments)).toContain('beta');
    // As if each were parsed alone, from its YAML (which keeps nothing by section).
    expect(pa).toEqual(parseOpsDescriptor(base.replace(/payments/g, 'alpha')));
  });

  it('tells sources apart: issues name theirs', () => {
    const text = json(
      'apiVersion: opskit.io/v1\nkind: OpsDescriptor\nlogging: {retention: 30d, typo: 1}\n',
    );
    expect(parseOpsDescriptor(text, { source: 'a.yaml' }).issues).toEqual([
      expect.objectContaining({ path: 'logging.typo', source: 'a.yaml' }),
    ]);
    expect(parseOpsDescriptor(text, { source: 'b.yaml' }).issues).toEqual([
      expect.objectContaining({ path: 'logging.typo', source: 'b.yaml' }),
    ]);
  });

  it('keeps annotation sections by their text', () => {
    const annotations = {
      'opskit.io/logging': '{retention: 30d, format: json}',
      'opskit.io/escalation': 'group:a, user:b',
    };
    const first = parseOpsAnnotations(annotations);
    expect(parseOpsAnnotations({ ...annotations })).toEqual(first);
    parses.mockClear();
    // Kept the second time it was seen: not parsed the third.
    const second = parseOpsAnnotations({ ...annotations });
    expect(parses).not.toHaveBeenCalled();
    expect(second).toEqual(first);
    expect(second.sections.escalation).toEqual([
      { targets: ['group:a'] },
      { targets: ['user:b'] },
    ]);
  });
});

describe('worthKeeping', () => {
  it('builds keys of a kind that rarely repeats one time in 16, and all of them again once they repeat', () => {
    const tries = (kind: string, n: number, repeated: boolean) => {
      let built = 0;
      for (let i = 0; i < n; i++) {
        const keep = worthKeeping(kind);
        if (!keep.now) continue;
        built++;
        keep.repeated(repeated);
      }
      return built;
    };
    // The first 64 are always built; none repeats.
    expect(tries('never', 64, false)).toBe(64);
    expect(tries('never', 160, false)).toBe(10);
    // A kind whose keys repeat is always built.
    expect(tries('always', 200, true)).toBe(200);
  });
});
