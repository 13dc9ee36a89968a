import { describe, expect, it } from 'vitest';
import { errorOf, evaluate } from '../test-support/evaluate.js';

const attributes = {
  iso: '2024-03-05T07:08:09.012Z',
  local: '2024-03-05 07:08:09',
  compact: '20240305',
  epoch: '1705314600007',
  slashed: '2024/03/05 07:08:09',
  nifi: 'Tue Mar 05 07:08:09 UTC 2024',
  bad: '2024-13-01',
};

describe('date functions', () => {
  it.each([
    ["${now():format('yyyy-MM-dd HH:mm:ss.SSS')}", '2024-01-15 10:30:00.007'],
    ['${now():format("yyyy-MM-dd\'T\'HH:mm:ss.SSSXXX")}', '2024-01-15T10:30:00.007Z'],
    ["${now():format('EEE, d MMM yy h:mm a', 'America/New_York')}", 'Mon, 15 Jan 24 5:30 AM'],
    ["${now():format('yyyyMMdd HH:mm Z', 'Asia/Seoul')}", '20240115 19:30 +0900'],
    ["${now():format('HH:mm z', '+05:30')}", '16:00 GMT+05:30'],
    ["${now():format('HH:mm zzz')}", '10:30 UTC'],
    ["${now():format('HH:mm z', 'GMT')}", '10:30 GMT'],
    ["${epoch:format('yyyy-MM-dd')}", '2024-01-15'],
    ["${epoch:toNumber():plus(86400000):format('yyyy-MM-dd')}", '2024-01-16'],
    ["${slashed:format('yyyy-MM-dd')}", '2024-03-05'],
    ["${nifi:format('yyyy-MM-dd HH:mm')}", '2024-03-05 07:08'],
    ["${missing:format('yyyy')}", ''],
    ['${iso:toDate("yyyy-MM-dd\'T\'HH:mm:ss.SSSX"):toNumber()}', '1709622489012'],
    [
      "${local:toDate('yyyy-MM-dd HH:mm:ss'):format('yyyy-MM-dd HH:mm:ss Z')}",
      '2024-03-05 07:08:09 +0000',
    ],
    [
      "${local:toDate('yyyy-MM-dd HH:mm:ss', 'Asia/Seoul'):format('yyyy-MM-dd HH:mm:ss Z')}",
      '2024-03-04 22:08:09 +0000',
    ],
    ["${compact:toDate('yyyyMMdd'):format('MMM d, yyyy')}", 'Mar 5, 2024'],
    ["${local:toDate('yyyy-MM-dd'):format('yyyy-MM-dd HH:mm')}", '2024-03-05 00:00'],
    ['${epoch:toDate():format("yyyy")}', '2024'],
    ['${nifi:toDate()}', 'Tue Mar 05 07:08:09 UTC 2024'],
    ["${now():toDate('yyyy'):format('yyyy-MM')}", '2024-01'],
    ["${missing:toDate('yyyy')}", ''],
  ])('%s → %s', (template, expected) => {
    expect(evaluate(template, attributes)).toBe(expected);
  });

  it('reads the time zone from an attribute', () => {
    const template = "${now():format('yyyy-MM-dd HH:mm', ${zone})}";
    expect(evaluate(template, { zone: 'Pacific/Kiritimati' })).toBe('2024-01-16 00:30');
    expect(errorOf(template, { zone: 'Nowhere' })).toMatchObject({
      code: 'invalid-argument',
      message:
        "format: unknown time zone 'Nowhere'; use UTC, an offset such as +09:00, or a name such as Asia/Seoul",
    });
  });

  it('uses the context time zone when no zone is given', () => {
    const options = { timeZone: 'Asia/Seoul' };
    expect(evaluate("${now():format('yyyy-MM-dd HH:mm')}", {}, options)).toBe('2024-01-15 19:30');
    expect(evaluate("${local:toDate('yyyy-MM-dd HH:mm:ss'):toNumber()}", attributes, options)).toBe(
      String(Date.UTC(2024, 2, 4, 22, 8, 9)),
    );
  });

  it.each([
    [
      "${bad:toDate('yyyy-MM-dd')}",
      "toDate: cannot parse '2024-13-01' with date pattern 'yyyy-MM-dd': month 13 is out of range (1-12)",
    ],
    [
      "${local:toDate('dd/MM/yyyy')}",
      "toDate: cannot parse '2024-03-05 07:08:09' with date pattern 'dd/MM/yyyy': expected '/' at character 5",
    ],
    [
      "${iso:format('yyyy')}",
      "format: cannot convert '2024-03-05T07:08:09.012Z' to a date; parse it with toDate('<pattern>')",
    ],
  ])('%s fails when evaluated', (template, message) => {
    expect(errorOf(template, attributes)).toMatchObject({
      message,
      position: template.indexOf(':') + 1,
    });
  });

  it.each([
    [
      "${now():format('YYYY')}",
      "format: 'Y' is the week year in Java and is not supported; use 'y' for the year",
    ],
    ["${now():format('yyyy-MM-dd', 'Mars/Base')}", "format: unknown time zone 'Mars/Base'"],
    ["${now():format('\\'unterminated')}", 'format: unterminated quote'],
    ["${iso:toDate('XXXX')}", "toDate: 'X' may be repeated at most 3 times"],
  ])('%s fails at compile time', (template, message) => {
    const error = errorOf(template, attributes);
    expect(error).toMatchObject({ code: 'invalid-argument' });
    expect((error as Error).message.startsWith(message)).toBe(true);
  });
});
