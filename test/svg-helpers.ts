// Reading Vega's SVG in tests: validity and marks through an XML parser, and
// where each point symbol landed (the sum of its groups' translations).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export function isValidXml(svg: string): boolean {
  return XMLValidator.validate(svg) === true;
}

type Node = Record<string, unknown>;

/** Every element as [tag, attributes, absolute translation], in document order. */
export interface Element {
  tag: string;
  attrs: Record<string, string>;
  x: number;
  y: number;
  parent?: Element;
}

export function elements(svg: string): Element[] {
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true }).parse(svg);
  const out: Element[] = [];
  const walk = (nodes: Node[], x: number, y: number, parent?: Element) => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((k) => k !== ':@');
      if (!tag || tag === '#text') continue;
      const attrs = (node[':@'] ?? {}) as Record<string, string>;
      const t = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(attrs.transform ?? '');
      const [nx, ny] = t ? [x + Number(t[1]), y + Number(t[2])] : [x, y];
      const e: Element = { tag, attrs, x: nx, y: ny, parent };
      out.push(e);
      walk(node[tag] as Node[], nx, ny, e);
    }
  };
  walk(tree, 0, 0);
  return out;
}

/** Elements whose class list holds `name`, e.g. 'role-axis'. */
export function withClass(svg: string, name: string) {
  return elements(svg).filter((e) => (e.attrs.class ?? '').split(' ').includes(name));
}

/** The items of the chart's marks of one type, e.g. 'symbol', 'line', 'rect', 'image', 'text'. */
export function markItems(svg: string, type: string) {
  const all = elements(svg);
  const classes = (e: { attrs: Record<string, string> }) => (e.attrs.class ?? '').split(' ');
  // Marks of the chart itself (role-mark), not the symbols and labels of legends and axes.
  const isMark = (e?: Element) =>
    e !== undefined && e.tag === 'g' && classes(e).includes(`mark-${type}`) && classes(e).includes('role-mark');
  // The mark's items are its group's own children, e.g. one path per point or per line.
  return all.filter((e) => e.tag !== 'g' && isMark(e.parent));
}

/** The SVG drawn by resvg on white: whether the pixel at (x, y) has ink (is not near white). */
export async function inkOf(svg: string): Promise<(x: number, y: number) => boolean> {
  const { Resvg } = await import('@resvg/resvg-js');
  const { width, pixels } = new Resvg(svg, { background: 'white' }).render();
  return (x, y) => {
    const k = 4 * (Math.round(y) * width + Math.round(x));
    return pixels[k] + pixels[k + 1] + pixels[k + 2] < 3 * 250;
  };
}
