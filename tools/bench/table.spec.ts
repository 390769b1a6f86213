import { formatFigure, formatPercent, formatRatio, renderTable, withRatio } from './table';

describe('renderTable', () => {
  it('pads every column to its widest cell and marks right-aligned columns', () => {
    const table = renderTable(
      ['lock', 'grants/s'],
      [
        ['baseline', '9'],
        ['fair', '1,234'],
      ],
      ['left', 'right'],
    );
    expect(table.split('\n')).toEqual([
      '| lock     | grants/s |',
      '| -------- | -------: |',
      '| baseline |        9 |',
      '| fair     |    1,234 |',
    ]);
  });

  it('fills missing cells and keeps a rule of at least three dashes', () => {
    expect(renderTable(['a', 'b'], [['x']]).split('\n')).toEqual([
      '| a   | b   |',
      '| --- | --- |',
      '| x   |     |',
    ]);
  });
});

describe('formatFigure', () => {
  it('fits the precision to the size', () => {
    expect(formatFigure(4211.6)).toBe('4,212');
    expect(formatFigure(38.44)).toBe('38.4');
    expect(formatFigure(0.567)).toBe('0.57');
    expect(formatFigure(7)).toBe('7');
    expect(formatFigure(0)).toBe('0');
  });

  it('shows a dash for what is not a number', () => {
    expect(formatFigure(NaN)).toBe('–');
    expect(formatFigure(Infinity)).toBe('–');
  });
});

describe('formatRatio and withRatio', () => {
  it('divides by the base with two decimals, one from ten up', () => {
    expect(formatRatio(3, 2)).toBe('1.50×');
    expect(formatRatio(1, 3)).toBe('0.33×');
    expect(formatRatio(250, 2)).toBe('125.0×');
  });

  it('gives a dash when the base is zero or a figure is missing', () => {
    expect(formatRatio(5, 0)).toBe('–');
    expect(formatRatio(NaN, 2)).toBe('–');
    expect(formatRatio(0, 0)).toBe('–');
  });

  it('puts the ratio after the figure', () => {
    expect(withRatio(4212, 2106)).toBe('4,212 (2.00×)');
  });
});

describe('formatPercent', () => {
  it('rounds to whole percents', () => {
    expect(formatPercent(0.934)).toBe('93%');
    expect(formatPercent(1.07)).toBe('107%');
    expect(formatPercent(NaN)).toBe('–');
  });
});
