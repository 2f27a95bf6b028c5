import { validate } from 'class-validator';
import { identifierTextProblem, IsIdentifierText, IsPlainText, plainTextProblem } from './input-rules';

const HOSTILE = {
  empty: '',
  'whitespace only': '   ',
  'ideographic space only': '\u3000',
  NUL: 'NC-1\u0000',
  CR: 'NC-1\r',
  LF: 'NC\n-1',
  tab: 'NC\t1',
  ESC: '\u001b[31mNC-1',
  DEL: 'NC-1\u007f',
  'C1 control': 'NC-1\u0085',
  'right-to-left override': 'NC-\u202E1-CN',
  'left-to-right embedding': '\u202ANC-1',
  'first strong isolate': 'NC-\u20681',
  'pop directional isolate': 'NC-1\u2069',
};
const INVISIBLE = {
  'zero-width space': 'NC\u200B-1',
  'zero-width joiner': 'NC\u200D-1',
  'right-to-left mark': 'NC-1\u200F',
  'byte order mark': '\uFEFFNC-1',
  'line separator': 'NC-1\u2028',
  'leading space': ' NC-1',
  'trailing space': 'NC-1 ',
};

describe('identifier text (test ids, payment references, batch ids, units)', () => {
  it.each(Object.entries({ ...HOSTILE, ...INVISIBLE }))('refuses %s', (_what, value) => {
    expect(identifierTextProblem(value, 64)).toBeDefined();
  });
  it.each(['NC-2026-1120-07', 'ICBC-20270105-000123', '工行转账 20261128-0012', '箱(5kg)', 'constructor', '__proto__'])(
    'accepts %p',
    (value) => {
      expect(identifierTextProblem(value, 64)).toBeUndefined();
    },
  );
  it('refuses a non-string or an over-long one', () => {
    expect(identifierTextProblem(7, 64)).toBeDefined();
    expect(identifierTextProblem('x'.repeat(65), 64)).toBeDefined();
  });
});

describe('text for people (names, titles, reasons, notes)', () => {
  it.each(Object.entries(HOSTILE))('refuses %s on one line', (_what, value) => {
    expect(plainTextProblem(value, 100)).toBeDefined();
  });
  it.each(['冠县东古城镇前屯村', '  indented name', '食堂停课，协商取消', 'عربي and 中文 mixed', 'a\u200Db'])(
    'accepts %p',
    (value) => {
      expect(plainTextProblem(value, 100)).toBeUndefined();
    },
  );
  it('allows line breaks and tabs in a multi-line note, and nothing else of the control range', () => {
    expect(plainTextProblem('番茄两箱压伤\r\n\t另有一箱', 500, true)).toBeUndefined();
    expect(plainTextProblem('note\u0000', 500, true)).toBeDefined();
    expect(plainTextProblem('note\u202E', 500, true)).toBeDefined();
    expect(plainTextProblem('\n\t', 500, true)).toBeDefined();
  });
});

describe('the decorators name the field and say why', () => {
  class Payment {
    @IsIdentifierText(64) reference: string;
    @IsPlainText(100) note: string;
  }
  it('reports each bad field with its reason', async () => {
    const dto = Object.assign(new Payment(), { reference: 'REF\u202E1', note: 'ok\u0000' });
    const errors = await validate(dto);
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})[0]])).toEqual([
      ['reference', 'reference must not contain invisible or bidirectional-control characters'],
      ['note', 'note must not contain control characters (NUL, CR, LF, tab…)'],
    ]);
  });
});
