// The encoding a model keeps: scaling fitted on the training part alone,
// categories and class names, applied the same way to a file, a row and a
// model file read back.
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/data/csv.ts';
import { encodeTable } from '../src/data/encode-table.ts';
import { applyScaling, fitScaling, plainEncoding } from '../src/data/encoding.ts';
import { decodeRow, encodeRow } from '../src/data/rows.ts';
import { finishSource } from '../src/data/sources.ts';
import { parseModel, toModelJson } from '../src/model/model-file.ts';
import { makeNet, paramCount } from '../src/nn/network.ts';

const PETS = [
  'weight,colour,legs,kind',
  '4.0,black,4,cat',
  '30.5,brown,4,dog',
  '0.2,green,2,bird',
  '5.5,white,4,cat',
  '25.0,black,4,dog',
  '0.3,blue,2,bird',
].join('\n');

describe('a table encoded', () => {
  const { data, encoding } = encodeTable(parseCsvText(PETS, 'pets.csv'));

  it('one-hot encodes a word column over its sorted categories, numbers as they are', () => {
    expect(encoding.features).toEqual([
      { name: 'weight', type: 'number', center: 0, scale: 1 },
      { name: 'colour', type: 'category', categories: ['black', 'blue', 'brown', 'green', 'white'] },
      { name: 'legs', type: 'number', center: 0, scale: 1 },
    ]);
    // weight, 5 colours, legs, bias
    expect([...data.inputs.subarray(0, 8)]).toEqual([4, 1, 0, 0, 0, 0, 4, 1]);
  });

  it('makes a label column of words classes in sorted order, one-hot over 3', () => {
    expect(encoding.target).toEqual({ name: 'kind', type: 'classes', classes: ['bird', 'cat', 'dog'] });
    expect(data.classes).toBe(3);
    expect([...data.targets.subarray(0, 9)]).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('makes two class names one logistic output, the first name class 0', () => {
    const two = encodeTable(parseCsvText('x,answer\n1,yes\n2,no\n3,yes\n', 'yn.csv'));
    expect(two.encoding.target).toEqual({ name: 'answer', type: 'classes', classes: ['no', 'yes'] });
    expect([...two.data.targets]).toEqual([1, 0, 1]);
  });

  it('takes the label and drops columns as --label and --ignore say, by name or number', () => {
    const e = encodeTable(parseCsvText(PETS, 'pets.csv'), { label: '3', ignore: ['colour'] });
    expect(e.encoding.features.map((f) => f.name)).toEqual(['weight', 'kind']);
    // Legs 2 and 4: two classes by their numbers, not 0..4 with three empty.
    expect(e.encoding.target).toEqual({ name: 'legs', type: 'classes', classes: ['2', '4'] });
  });

  it('drops the rows with a missing cell under --missing drop, and says how many', () => {
    const e = encodeTable(parseCsvText('a,b,y\n1,2,0\nNA,3,1\n4,,0\n5,6,1\n', 'm.csv'), { missing: 'drop' });
    expect(e.dropped).toBe(2);
    expect([...e.data.inputs]).toEqual([1, 2, 1, 5, 6, 1]);
  });

  it('reads a file with the model’s categories and refuses a category it never saw, naming line and column', () => {
    const again = encodeTable(parseCsvText('weight,colour,legs,kind\n3,white,4,cat\n', 'new.csv'), {}, encoding);
    expect([...again.data.inputs]).toEqual([3, 0, 0, 0, 0, 1, 4, 1]);
    expect([...again.data.targets]).toEqual([0, 1, 0]);
    expect(() => encodeTable(parseCsvText('weight,colour,legs,kind\n3,pink,4,cat\n', 'new.csv'), {}, encoding)).toThrow(
      'new.csv line 2, column "colour": "pink" is not a category the model knows, expected one of black, blue, brown, green, white',
    );
  });

  it('reads a file without the label column as rows to predict', () => {
    const rows = encodeTable(parseCsvText('weight,colour,legs\n3,white,4\n', 'rows.csv'), { outputs: 3 }, encoding);
    expect(rows.labelled).toBe(false);
    expect(rows.data.outDim).toBe(3);
  });
});

describe('scaling', () => {
  const text = 'a,b,y\n1,100,0\n2,200,1\n3,300,0\n4,400,1\n100,-5000,1\n';
  const { data, encoding } = encodeTable(parseCsvText(text, 's.csv'));

  it('fits mean and population sd on the rows it is given, by hand', () => {
    const train = { ...data, n: 4 }; // the first four rows only
    const { enc } = fitScaling(train, encoding, 'standard');
    const sd = Math.sqrt(1.25); // of 1, 2, 3, 4
    expect(enc.features[0]).toMatchObject({ center: 2.5, scale: sd });
    expect(enc.features[1]).toMatchObject({ center: 250, scale: 100 * sd });
  });

  it('fits on the training part alone: validation rows do not move the statistics', () => {
    const five = finishSource({ train: data }, encoding, { seed: '1', validationSplit: 0.4, scale: 'standard' });
    expect(five.validation?.n).toBe(2);
    const rawTrain = new Set<number>();
    for (let s = 0; s < five.train.n; s++) {
      const f = five.encoding.features[0] as { center: number; scale: number };
      rawTrain.add(Math.round(five.train.inputs[s * 3] * f.scale + f.center));
    }
    const mean = [...rawTrain].reduce((a, b) => a + b, 0) / rawTrain.size;
    expect(five.encoding.features[0]).toMatchObject({ center: mean });
  });

  it('scales minmax to 0..1 and centres a constant column on its value without scaling it, naming it', () => {
    const c = encodeTable(parseCsvText('a,k,y\n1,7,0\n3,7,1\n', 'c.csv'));
    const fitted = fitScaling(c.data, c.encoding, 'minmax');
    expect(fitted.constant).toEqual(['k']);
    expect(fitted.enc.features[1]).toMatchObject({ center: 7, scale: 1 });
    const scaled = applyScaling(c.data, fitted.enc);
    expect([...scaled.inputs]).toEqual([0, 0, 1, 1, 0, 1]);
  });

  it('standardises a regression target and leaves labels as they are', () => {
    const r = encodeTable(parseCsvText('x,price\n1,100\n2,300\n', 'r.csv'));
    const { enc } = fitScaling(r.data, r.encoding, 'standard');
    expect(enc.target).toEqual({ name: 'price', type: 'number', center: 200, scale: 100 });
    expect([...applyScaling(r.data, enc).targets]).toEqual([-1, 1]);
    expect(fitScaling(data, encoding, 'standard').enc.target).toEqual({ name: 'y', type: 'labels' });
  });
});

describe('one row', () => {
  const { data, encoding } = encodeTable(parseCsvText(PETS, 'pets.csv'));
  const { enc } = fitScaling(data, encoding, 'standard');
  const scaled = applyScaling(data, enc);

  it('encodes cells as the data set was encoded, scaling included', () => {
    expect([...encodeRow(enc, [4.0, 'black', 4])]).toEqual([...scaled.inputs.subarray(0, scaled.inDim)]);
  });

  it('decodes the net’s inputs back to the cells in the data’s own units', () => {
    const cells = decodeRow(enc, scaled.inputs, scaled.inDim);
    expect(cells[0]).toBeCloseTo(30.5, 12);
    expect(cells.slice(1)).toEqual(['brown', 4]);
  });

  it('refuses a word where a number belongs and a wrong count, naming the column', () => {
    expect(() => encodeRow(enc, ['heavy', 'black', 4])).toThrow('weight "heavy": expected a finite number');
    expect(() => encodeRow(enc, [4, 'black'])).toThrow('2 values, expected 3: weight, colour, legs');
  });
});

describe('the model file', () => {
  const { data, encoding } = encodeTable(parseCsvText(PETS, 'pets.csv'));
  const { enc } = fitScaling(data, encoding, 'standard');
  const net = makeNet([data.inDim, 2, 3], 'logistic');
  const model = { net, params: new Float64Array(paramCount(net)), loss: 'ce' as const, meta: {}, encoding: enc };

  it('keeps scaling, categories and class names through JSON', () => {
    const back = parseModel(JSON.stringify(toModelJson(model)), 'm.json');
    expect(back.encoding).toEqual(enc);
  });

  it('refuses an encoding that does not fit the net, naming the field', () => {
    const doc = toModelJson(model) as { encoding: { features: unknown[] } };
    doc.encoding.features.pop();
    expect(() => parseModel(JSON.stringify(doc), 'm.json')).toThrow(
      'm.json: "encoding": its features make 6 inputs, expected 7 (nodes[0] less the bias)',
    );
  });

  it('refuses a scale of 0, which would divide by it', () => {
    const doc = JSON.parse(JSON.stringify(toModelJson(model)));
    doc.encoding.features[0].scale = 0;
    expect(() => parseModel(JSON.stringify(doc), 'm.json')).toThrow(
      'm.json: "encoding".features[0].scale is 0, expected a finite number other than 0',
    );
  });

  it('is absent for plain data, whose numbers are used as they are', () => {
    expect(plainEncoding(3).features.map((f) => f.name)).toEqual(['x1', 'x2']);
  });
});

describe('a file read with a model’s encoding', () => {
  const { encoding } = encodeTable(parseCsvText(PETS, 'pets.csv'));

  it('finds its columns by name, in any order, when the file has a header', () => {
    const moved = 'kind,legs,weight,colour\ncat,4,4.0,black\n';
    expect([...encodeTable(parseCsvText(moved, 'm.csv'), {}, encoding).data.inputs]).toEqual([4, 1, 0, 0, 0, 0, 4, 1]);
  });

  it('refuses a header without the model’s columns rather than reading others in their place', () => {
    expect(() => encodeTable(parseCsvText('weight,color,legs,kind\n4,black,4,cat\n', 'w.csv'), {}, encoding)).toThrow(
      'w.csv: no column "colour" in its header, expected the model\'s columns (weight, colour, legs)',
    );
  });

  it('refuses a header that names two columns alike', () => {
    expect(() => encodeTable(parseCsvText('x,x,y\n1,2,0\n3,4,1\n', 'd.csv'))).toThrow(
      'd.csv header: column "x" twice, expected a name of its own for each column',
    );
  });
});

describe('a pandas export', () => {
  it('leaves out the index column that to_csv writes without a name, and says so', () => {
    const e = encodeTable(parseCsvText(',a,b,label\n0,1.5,2,yes\n1,2.5,3,no\n', 'pd.csv'));
    expect(e.encoding.features.map((f) => f.name)).toEqual(['a', 'b']);
    expect(e.notes).toEqual(['data pd.csv: column 1 has no name in the header (an index, as pandas writes): left out']);
  });
});

describe('columns that are probably not what they seem', () => {
  it('refuses a label of many distinct words, naming the first, rather than training hundreds of classes', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 3},"$${i},${100 + i}"`).join('\n');
    expect(() => encodeTable(parseCsvText(`x,price\n${rows}\n`, 'p.csv'))).toThrow(
      'p.csv line 2, column "price": "$0,100": the label column has 40 distinct words, expected class names (at most 30) or plain numbers',
    );
  });

  it('notes a number column that counts the rows, an ID the net would learn from', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i + 1},${i % 3},${i % 2}`).join('\n');
    expect(encodeTable(parseCsvText(`id,x,y\n${rows}\n`, 'ids.csv')).notes).toEqual([
      'data ids.csv: column "id" counts the rows (1, 2, 3, ...): if it is an ID, --ignore "id"',
    ]);
  });

  it('finds a headerless file’s label where the model’s was, not only last', () => {
    const first = encodeTable(parseCsvText('cat,1,2\ndog,3,4\n', 'nh.csv'), { label: '1' });
    const again = encodeTable(parseCsvText('dog,5,6\n', 'nh.csv'), {}, first.encoding);
    expect([...again.data.inputs]).toEqual([5, 6, 1]);
    expect([...again.data.targets]).toEqual([1]);
  });

  it('gives back a scaled number as the file wrote it, not with the bits scaling leaves', () => {
    const { data, encoding } = encodeTable(parseCsvText('a,y\n0.15,0\n13.4,1\n2,0\n', 'r.csv'));
    const { enc } = fitScaling(data, encoding, 'standard');
    const scaled = applyScaling(data, enc);
    expect([0, 1].map((s) => decodeRow(enc, scaled.inputs, s * 2)[0])).toEqual([0.15, 13.4]);
  });
});
