import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../src/data/cells.ts';
import { parseCsvText, readCsvBytes, readCsvFile } from '../src/data/csv.ts';
import { firstMissing, MAX_DISTINCT, type Table, type TableColumn } from '../src/data/table.ts';
import { OptionError } from '../src/util/option-error.ts';
import { stream } from '../src/util/rng.ts';

const read = (text: string) => parseCsvText(text, 't.csv');

/** Column c's numbers, as a plain array. */
function numbers(t: Table, c: number): number[] {
  const col = t.columns[c];
  if (col.kind !== 'number') throw new Error(`column ${c} is text`);
  return [...col.values];
}

function text(t: Table, c: number): Extract<TableColumn, { kind: 'text' }> {
  const col = t.columns[c];
  if (col.kind !== 'text') throw new Error(`column ${c} is numbers`);
  return col;
}

/** Column c's cells as the texts they were, null where missing. */
function texts(t: Table, c: number): (string | null)[] {
  const col = text(t, c);
  return [...col.codes].map((k) => (k < 0 ? null : col.values[k]));
}

const file = (name: string, content: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'np-csv-')), name);
  writeFileSync(path, content);
  return path;
};

describe('separators', () => {
  it('reads commas', () => {
    const t = read('1,2,3\n4,5,6\n');
    expect(t.delimiter).toBe(',');
    expect([numbers(t, 0), numbers(t, 2)]).toEqual([
      [1, 4],
      [3, 6],
    ]);
  });

  it('reads semicolons', () => {
    const t = read('1;2;3\n4;5;6\n');
    expect(t.delimiter).toBe(';');
    expect(numbers(t, 1)).toEqual([2, 5]);
  });

  it('reads tabs, and keeps commas in the cells of a tab file', () => {
    const t = read('name\tx\nSmith, J\t1\n');
    expect(t.delimiter).toBe('\t');
    expect(texts(t, 0)).toEqual(['Smith, J']);
  });

  it('counts separators outside quotes only', () => {
    const t = read('"a;b;c";"d;e";x,y\n1;2;3\n');
    expect(t.delimiter).toBe(';');
    expect(t.names).toEqual(['a;b;c', 'd;e', 'x,y']);
  });

  it('takes 1,5;2,5 for a decimal-comma semicolon file, though its commas are more', () => {
    const t = read('1,5;2,5;0\n3,25;4;1\n');
    expect(t.delimiter).toBe(';');
    expect(numbers(t, 0)).toEqual([1.5, 3.25]);
  });

  it('keeps commas when the semicolons of the first line are not on the next lines', () => {
    const t = read('name,note\nx,a;b\ny,c\n');
    expect(t.delimiter).toBe(',');
    expect(texts(t, 1)).toEqual(['a;b', 'c']);
  });

  it('detects the separator from the first line that is not a comment', () => {
    expect(read('# a,b,c,d,e\n1;2\n3;4\n').delimiter).toBe(';');
  });
});

describe('numbers as spreadsheets write them', () => {
  it('reads decimal commas in semicolon files', () => {
    expect(numbers(read('x;y\n1,5;-0,25\n'), 1)).toEqual([-0.25]);
  });

  it('reads 1,5 quoted in a comma file as a word, not 1.5', () => {
    expect(texts(read('x,y\n"1,5",2\n'), 0)).toEqual(['1,5']);
  });

  it('reads thousands separators in quoted cells of comma files', () => {
    expect(numbers(read('x,y\n"1,234.5",1\n"-12,345,678",2\n'), 0)).toEqual([1234.5, -12345678]);
  });

  it('reads thousands separators in semicolon files', () => {
    expect(numbers(read('x;y\n1.234,5;1\n1.234.567;2\n'), 0)).toEqual([1234.5, 1234567]);
  });

  it('reads plain decimals from their bytes to the same double as Number does', () => {
    const rng = stream('csv-test', 'decimals');
    const wrong: string[] = [];
    let fast = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = String(Math.floor(rng() * 10 ** (1 + Math.floor(rng() * 16))));
      const cut = Math.floor(rng() * (s.length + 1));
      const exp = rng() < 0.2 ? `e${Math.floor(rng() * 40) - 20}` : '';
      const cell = `${rng() < 0.5 ? '-' : ''}${s.slice(0, cut)}.${s.slice(cut)}${exp}`;
      const v = plainNumber(Buffer.from(cell), 0, cell.length);
      if (Number.isNaN(v)) continue;
      fast++;
      if (!Object.is(v, Number(cell))) wrong.push(cell);
    }
    expect(wrong).toEqual([]);
    expect(fast).toBeGreaterThan(15_000); // the others (16 digits, large powers) go the string way
  });

  it('reads Infinity as a word', () => {
    const t = read('x,y\n1,2\nInfinity,3\n');
    expect(text(t, 0).firstWord).toBe(1);
  });
});

describe('layout of the text', () => {
  it('drops a UTF-8 byte order mark', () => {
    expect(read('\ufeffx,y\n1,2\n').names).toEqual(['x', 'y']);
    expect(readCsvFile(file('bom.csv', Buffer.from('\ufeffx,y\n1,2\n'))).names).toEqual(['x', 'y']);
  });

  it('reads CRLF line ends as LF ones', () => {
    const t = read('x,y\r\n1,2\r\n3,4\r\n');
    expect([t.names, numbers(t, 1)]).toEqual([
      ['x', 'y'],
      [2, 4],
    ]);
  });

  it('reads separators, newlines and doubled quotes inside quoted cells', () => {
    const t = read('id,note\n1,"a,b"\n2,"two\nlines"\n3,"say ""hi"""\n');
    expect(texts(t, 1)).toEqual(['a,b', 'two\nlines', 'say "hi"']);
  });

  it('skips blank lines anywhere, trailing ones too', () => {
    const t = read('\n\nx,y\n\n1,2\n   \n3,4\n\n\n');
    expect([t.rows, numbers(t, 0)]).toEqual([2, [1, 3]]);
  });

  it('skips lines that start with #', () => {
    const t = read('# made by hand\nx,y\n1,2\n  # a note\n3,4\n');
    expect(numbers(t, 1)).toEqual([2, 4]);
  });

  it('trims spaces around cells', () => {
    const t = read(' x , y \n 1 , "a" \n');
    expect([t.names, numbers(t, 0), texts(t, 1)]).toEqual([['x', 'y'], [1], ['a']]);
  });

  it('numbers each row with the line it starts on, past comments, blank lines and quoted newlines', () => {
    const t = read('# note\nx,y\n\n1,"a\nb"\n2,c\n');
    expect([...t.lines]).toEqual([4, 6]);
  });
});

describe('header', () => {
  it('takes a first row of words for the header', () => {
    const t = read('height,weight,label\n1,2,0\n');
    expect([t.hasHeader, t.names, t.rows]).toEqual([true, ['height', 'weight', 'label'], 1]);
  });

  it('takes a first row with a number for data, and names the columns by number', () => {
    const t = read('a,2,c\nd,4,f\n');
    expect([t.hasHeader, t.names, t.rows]).toEqual([false, ['column 1', 'column 2', 'column 3'], 2]);
  });

  it('takes a first row with an empty cell for data', () => {
    expect(read('a,,c\nd,e,f\n').hasHeader).toBe(false);
  });
});

describe('errors', () => {
  it('names the line of a row with a different number of cells', () => {
    expect(() => read('x,y\n1,2\n\n3\n')).toThrow(new Error('t.csv line 4: 1 columns, expected 2'));
  });

  it('refuses a file with no data rows', () => {
    const none = new Error('t.csv: no data rows, expected lines of x1,...,xn,label');
    expect(() => read('x,y\n')).toThrow(none);
    expect(() => read('')).toThrow(none);
    expect(() => read('# nothing\n\n')).toThrow(none);
  });

  it('names the line where an unclosed quote opens', () => {
    expect(() => read('x,y\n1,2\n3,"4\n5,6\n')).toThrow(
      new Error('t.csv line 3: the quote that opens column 2 is never closed'),
    );
  });

  it('names the line and column of text after a closing quote', () => {
    expect(() => read('x,y\n1,"2"3\n')).toThrow("t.csv line 2, column 2: text after a closing quote, expected ','");
  });

  it('stops at a row of hundreds of chunks, as an open quote reads the rest of the file into one cell', () => {
    const content = Buffer.from(`x,y\n1,2\n3,"4\n${'5,6\n'.repeat(2000)}`);
    let at = 0;
    const read = (buf: Buffer, to: number, length: number) => {
      const n = content.copy(buf, to, at, at + length);
      at += n;
      return n;
    };
    expect(() => readCsvBytes(read, 'p.csv', 16)).toThrow('p.csv line 3: a row of over 1 MB; is a quote left open?');
  });

  it('names the file, and the absolute path tried, when it cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-csv-'));
    const missing = relative(process.cwd(), join(dir, 'none.csv'));
    const err = (() => {
      try {
        readCsvFile(missing);
      } catch (e) {
        return e as OptionError;
      }
    })();
    expect(err).toBeInstanceOf(OptionError);
    expect(err?.message).toBe(
      `data ${JSON.stringify(missing)}: cannot read the file (ENOENT; tried ${join(dir, 'none.csv')})`,
    );
  });

  it('refuses a directory as a file it cannot read', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'np-csv-')), 'd.csv');
    mkdirSync(dir);
    expect(() => readCsvFile(dir)).toThrow(`data ${JSON.stringify(dir)}: cannot read the file (EISDIR)`);
  });
});

describe('missing cells', () => {
  it('reads empty, NA, N/A, NaN, null and ? in any case as missing numbers', () => {
    const t = read('x,y\n1,\n2,NA\n3,n/a\n4,nan\n5,NULL\n6,?\n7,8\n');
    expect(numbers(t, 1)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, 8]);
    expect(firstMissing(t.columns[1])).toBe(0);
    expect(firstMissing(t.columns[0])).toBe(-1);
  });

  it('reads them as code -1 in text columns', () => {
    const t = read('x,y\na,1\nNA,2\nb,3\n');
    expect([...text(t, 0).codes]).toEqual([0, -1, 1]);
    expect(firstMissing(t.columns[0])).toBe(1);
  });
});

describe('column kinds', () => {
  it('keeps a column of numbers as a Float64Array', () => {
    const col = read('x\n1\n2.5\n').columns[0];
    expect(col.kind === 'number' && col.values).toBeInstanceOf(Float64Array);
  });

  it('turns a column into text at its first word, keeping earlier numbers as their texts', () => {
    const t = read('x,y\n1.50,0\n?,0\nred,0\n2,0\nred,0\n');
    const col = text(t, 0);
    expect(texts(t, 0)).toEqual(['1.5', null, 'red', '2', 'red']);
    expect([col.numbers, col.firstNumber, col.firstWord, col.tooMany]).toEqual([2, 0, 2, false]);
  });

  it('counts no numbers in a column of words', () => {
    const col = text(read('x,y\na,1\nb,2\n'), 0);
    expect([col.numbers, col.firstNumber, col.firstWord]).toEqual([0, -1, 0]);
  });

  it(`keeps at most ${MAX_DISTINCT} distinct texts a column, and gives later new ones code -2`, () => {
    const rows = Array.from({ length: MAX_DISTINCT + 5 }, (_, r) => `id${r},1`);
    const t = read(`id,x\n${rows.join('\n')}\nid3,1\n`);
    const col = text(t, 0);
    expect([col.values.length, col.tooMany]).toEqual([MAX_DISTINCT, true]);
    expect([...col.codes.subarray(MAX_DISTINCT - 1)]).toEqual([MAX_DISTINCT - 1, -2, -2, -2, -2, -2, 3]);
  });

  it('grows its columns past their first capacity and trims them to the rows read', () => {
    const t = read(`${Array.from({ length: 5000 }, (_, r) => `${r},w${r % 3}`).join('\n')}\n`);
    expect([t.rows, t.lines.length, t.columns[0].kind === 'number' && t.columns[0].values.length]).toEqual([
      5000, 5000, 5000,
    ]);
    expect(numbers(t, 0)[4999]).toBe(4999);
    expect([text(t, 1).codes.length, texts(t, 1)[4999]]).toEqual([5000, 'w1']);
    expect(t.lines[4999]).toBe(5000);
  });
});

describe('reading a file', () => {
  it('reads text in pieces of any size as it reads it at once', () => {
    // Tiny chunks and reads of 1 to 40 bytes: piece ends fall inside rows, quoted cells, "", CRLFs and characters.
    const rng = stream('csv-test', 'pieces');
    const words = ['plain', '"a,b"', '"x\r\ny"', 'ü€', '"q""q"', '  sp  ', 'NA', ''];
    const lines = ['\ufeff# made by hand', 'n,word,x', ''];
    for (let r = 0; r < 400; r++) {
      const word = words[Math.floor(rng() * words.length)];
      lines.push(`${r},${word},${(rng() * 1000).toFixed(Math.floor(rng() * 6))}`, ...(rng() < 0.1 ? ['', '#'] : []));
    }
    const content = Buffer.from(`${lines.join('\r\n')}\r\n`);
    let at = 0;
    const table = readCsvBytes(
      (buf, to, length) => {
        const n = Math.min(length, content.length - at, 1 + Math.floor(rng() * 40));
        content.copy(buf, to, at, at + n);
        at += n;
        return n;
      },
      'p.csv',
      16,
    );
    expect(table).toEqual(parseCsvText(content.toString(), 'p.csv'));
    expect(table.rows).toBe(400);
    expect(texts(table, 1)).toContain('x\r\ny');
  });

  it('reads a file of more than one chunk as it reads the same text at once', () => {
    const rows = Array.from({ length: 60_000 }, (_, r) => `${r},"r ${r % 7}",${r / 8}`);
    const content = `n,word,x\n${rows.join('\n')}\n`;
    const t = readCsvFile(file('big.csv', content));
    const whole = parseCsvText(content, 'big.csv');
    const bytes = (a: Float64Array | Int32Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const data = (c: TableColumn) => bytes(c.kind === 'number' ? c.values : c.codes);
    expect(bytes(t.lines).equals(bytes(whole.lines))).toBe(true);
    expect(t.columns.every((c, i) => c.kind === whole.columns[i].kind && data(c).equals(data(whole.columns[i])))).toBe(
      true,
    );
    expect([t.rows, numbers(t, 2)[59_999], texts(t, 1)[59_999]]).toEqual([60_000, 59_999 / 8, 'r 2']);
  });

  it('reads a row longer than a chunk', () => {
    const long = 'z'.repeat(3_000_000);
    const t = readCsvFile(file('long.csv', `x,y\n1,"${long}"\n2,b\n`));
    expect(texts(t, 1).map((s) => s?.length)).toEqual([3_000_000, 1]);
    expect([...t.lines]).toEqual([2, 3]);
  });

  it("names the table after the file's base name", () => {
    expect(readCsvFile(file('named.csv', 'x\n1\n')).name).toBe('named.csv');
  });
});
