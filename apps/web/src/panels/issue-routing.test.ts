import { describe, expect, it } from 'vitest';
import { dynamicFieldKey, fieldOf, issuesByField } from './issue-routing.js';

describe('issue routing', () => {
  it('puts a property issue under its property and a relationship issue under its checkbox', () => {
    expect(fieldOf({ property: 'searchValue', message: 'x' })).toBe('searchValue');
    expect(
      fieldOf({
        message:
          "Relationship 'fail ure' is not connected to any component and is not auto-terminated",
      }),
    ).toBe('relationship:fail ure');
    expect(fieldOf({ message: 'Something else' })).toBeUndefined();
  });

  it('groups the messages of each field in order', () => {
    const byField = issuesByField([
      { property: 'a', message: '1' },
      { property: 'b', message: '2' },
      { property: 'a', message: '3' },
      { message: 'whole processor' },
    ]);
    expect([...byField]).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });

  it('moves a dynamic property’s issue to the last row of that name', () => {
    const rows = [
      { id: 1, name: 'a' },
      { id: 2, name: 'a' },
    ];
    expect(dynamicFieldKey('a', rows)).toBe('dynamic:2');
    expect(dynamicFieldKey('zzz', rows)).toBe('zzz');
  });
});
