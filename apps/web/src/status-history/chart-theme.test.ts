import { describe, expect, it } from 'vitest';
import { chartColours, translucent } from './chart-theme.js';

describe('chart colours', () => {
  it('reads the theme variables in effect at the element', () => {
    const element = document.createElement('div');
    element.style.setProperty('--accent', '#5b93ff');
    element.style.setProperty('--border', '#2a303b');
    document.body.append(element);
    const colours = chartColours(element);
    expect(colours.lines[0]).toBe('#5b93ff');
    expect(colours.grid).toBe('#2a303b');
    expect(colours.axis).toBe('#6a7280');
    element.remove();
  });

  it('makes a hex colour translucent and leaves others as they are', () => {
    expect(translucent('#2563eb', 0.15)).toBe('rgba(37, 99, 235, 0.15)');
    expect(translucent('red', 0.15)).toBe('red');
  });
});
