import { describe, expect, it } from 'vitest';
import { afterLoginPath } from './login-target.js';

describe('afterLoginPath', () => {
  it('goes to a local next page, or stays where the login was asked for', () => {
    expect(afterLoginPath('/login', '?next=%2Fflows%2Fabc')).toBe('/flows/abc');
    expect(afterLoginPath('/flows/abc', '')).toBe('/flows/abc');
    expect(afterLoginPath('/login', '')).toBe('/');
  });

  it('never leaves the site', () => {
    expect(afterLoginPath('/login', '?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(afterLoginPath('/login', '?next=%2F%2Fevil.example')).toBe('/');
    expect(afterLoginPath('/login', '?next=%2F%5Cevil.example')).toBe('/');
  });
});
