/** A problem in a city data folder, named by file and (when known) line, e.g. `units.csv:12: ...`. */
export class CityDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${detail}`);
    this.name = 'CityDataError';
  }
}
