import { areaContains, type CompiledArea } from './compiled-area.js';

/** Most cells a grid may have (4 MB of cell offsets); coarser cells beyond that. */
const MAX_CELLS = 1 << 20;
/** Cells per side of a typical area's bounding box. */
const CELLS_PER_AREA_SIDE = 8;

/**
 * A uniform grid over the areas' bounds. Each cell lists, in area order, the areas that may contain a point
 * of the cell; an area that covers the whole cell ends the list (areas after it can never win there), and
 * is marked so that a lookup needs no polygon test at all. Lookups allocate nothing.
 */
export class CellGrid {
  private constructor(
    private readonly areas: CompiledArea[],
    private readonly minX: number,
    private readonly minY: number,
    private readonly cols: number,
    private readonly rows: number,
    private readonly invCell: number,
    /** Cell c's entries are entries[cellStart[c] .. cellStart[c + 1]). */
    private readonly cellStart: Int32Array,
    /** area index × 2, + 1 when the area covers the whole cell. */
    private readonly entries: Int32Array,
  ) {}

  static build(areas: CompiledArea[]): CellGrid {
    const minX = Math.min(...areas.map((a) => a.box[0]));
    const minY = Math.min(...areas.map((a) => a.box[1]));
    const maxX = Math.max(...areas.map((a) => a.box[2]));
    const maxY = Math.max(...areas.map((a) => a.box[3]));
    const sides = areas.map((a) => Math.max(a.box[2] - a.box[0], a.box[3] - a.box[1])).sort((p, q) => p - q);
    const typical = sides[sides.length >> 1] ?? 1;
    let cell = typical / CELLS_PER_AREA_SIDE || 1;
    // the extra cell keeps the maximum coordinate inside the grid
    const count = (size: number) => [
      Math.floor((maxX - minX) / size) + 1,
      Math.floor((maxY - minY) / size) + 1,
    ];
    while (count(cell)[0]! * count(cell)[1]! > MAX_CELLS) cell *= 2;
    const [cols = 1, rows = 1] = count(cell);
    const cellCount = cols * rows;
    // pairs (cell, entry) in area order; a stable counting sort by cell keeps that order within each cell
    const pairs: number[] = [];
    areas.forEach((area, index) => {
      for (const touch of cellsOf(area, minX, minY, cell, cols))
        pairs.push(touch >> 1, index * 2 + (touch & 1));
    });
    const counts = new Int32Array(cellCount + 1);
    for (let k = 0; k < pairs.length; k += 2) counts[pairs[k]! + 1]!++;
    for (let c = 0; c < cellCount; c++) counts[c + 1]! += counts[c]!;
    const sorted = new Int32Array(pairs.length / 2);
    const next = counts.slice(0, cellCount);
    for (let k = 0; k < pairs.length; k += 2) sorted[next[pairs[k]!]!++] = pairs[k + 1]!;
    // an area covering the whole cell ends its list: areas after it can never win there
    const cellStart = new Int32Array(cellCount + 1);
    const entries: number[] = [];
    for (let c = 0; c < cellCount; c++) {
      for (let k = counts[c]!; k < counts[c + 1]!; k++) {
        entries.push(sorted[k]!);
        if ((sorted[k]! & 1) === 1) break;
      }
      cellStart[c + 1] = entries.length;
    }
    return new CellGrid(areas, minX, minY, cols, rows, 1 / cell, cellStart, Int32Array.from(entries));
  }

  /** Index of the first area (in build order) containing the point, or -1. */
  find(x: number, y: number): number {
    const col = Math.floor((x - this.minX) * this.invCell);
    const row = Math.floor((y - this.minY) * this.invCell);
    if (!(col >= 0 && col < this.cols && row >= 0 && row < this.rows)) return -1;
    const c = row * this.cols + col;
    for (let k = this.cellStart[c]!, end = this.cellStart[c + 1]!; k < end; k++) {
      const entry = this.entries[k]!;
      const index = entry >> 1;
      if ((entry & 1) === 1 || areaContains(this.areas[index]!, x, y)) return index;
    }
    return -1;
  }
}

/**
 * The cells an area touches, as cell × 2 + covers: every cell that an edge crosses (covers = 0) or that lies
 * wholly inside the area (covers = 1). A cell no edge crosses is wholly inside or wholly outside, so its
 * centre decides.
 */
function cellsOf(area: CompiledArea, minX: number, minY: number, cell: number, cols: number): number[] {
  const c0 = Math.floor((area.box[0] - minX) / cell);
  const r0 = Math.floor((area.box[1] - minY) / cell);
  const c1 = Math.floor((area.box[2] - minX) / cell);
  const r1 = Math.floor((area.box[3] - minY) / cell);
  const width = c1 - c0 + 1;
  const crossed = new Uint8Array(width * (r1 - r0 + 1));
  const { coords, ringStart } = area;
  // edges are tested against slightly enlarged cells, so rounding can only add crossings, never lose one
  const pad = cell * 1e-9;
  for (let r = 0; r + 1 < ringStart.length; r++) {
    for (let i = ringStart[r]! + 2; i < ringStart[r + 1]!; i += 2) {
      const ax = coords[i - 2]!;
      const ay = coords[i - 1]!;
      const bx = coords[i]!;
      const by = coords[i + 1]!;
      const ec0 = Math.max(c0, Math.floor((Math.min(ax, bx) - pad - minX) / cell));
      const ec1 = Math.min(c1, Math.floor((Math.max(ax, bx) + pad - minX) / cell));
      const er0 = Math.max(r0, Math.floor((Math.min(ay, by) - pad - minY) / cell));
      const er1 = Math.min(r1, Math.floor((Math.max(ay, by) + pad - minY) / cell));
      for (let row = er0; row <= er1; row++) {
        for (let col = ec0; col <= ec1; col++) {
          const x0 = minX + col * cell - pad;
          const y0 = minY + row * cell - pad;
          const x1 = minX + (col + 1) * cell + pad;
          const y1 = minY + (row + 1) * cell + pad;
          if (segmentMeetsBox(ax, ay, bx, by, x0, y0, x1, y1)) crossed[(row - r0) * width + col - c0] = 1;
        }
      }
    }
  }
  const cells: number[] = [];
  for (let row = r0; row <= r1; row++) {
    // one scan line through the row's cell centres decides them all: inside where an odd number of edge
    // crossings lies to the right (the same even-odd rule as areaContains)
    const xs = crossingsAt(area, minY + (row + 0.5) * cell);
    let passed = 0;
    for (let col = c0; col <= c1; col++) {
      const x = minX + (col + 0.5) * cell;
      while (passed < xs.length && xs[passed]! <= x) passed++;
      if (crossed[(row - r0) * width + col - c0] === 1) cells.push((row * cols + col) * 2);
      else if ((xs.length - passed) % 2 === 1) cells.push((row * cols + col) * 2 + 1);
    }
  }
  return cells;
}

/** The x of every edge crossing the horizontal line at y, ascending (half-open in y, as in areaContains). */
function crossingsAt(area: CompiledArea, y: number): number[] {
  const { coords: c, ringStart } = area;
  const xs: number[] = [];
  for (let r = 0; r + 1 < ringStart.length; r++) {
    for (let i = ringStart[r]! + 2; i < ringStart[r + 1]!; i += 2) {
      const px = c[i - 2]!;
      const py = c[i - 1]!;
      const qx = c[i]!;
      const qy = c[i + 1]!;
      if (qy > y !== py > y) xs.push(px + ((y - py) * (qx - px)) / (qy - py));
    }
  }
  return xs.sort((a, b) => a - b);
}

/** Whether segment a–b touches the box (its own bounding box is known to overlap it). */
function segmentMeetsBox(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const side = (x: number, y: number) => Math.sign(dx * (y - ay) - dy * (x - ax));
  const s = side(x0, y0);
  // the line misses the box only when all four corners lie strictly on the same side of it
  return s === 0 || side(x1, y0) !== s || side(x1, y1) !== s || side(x0, y1) !== s;
}
