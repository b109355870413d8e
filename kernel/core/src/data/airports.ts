/**
 * `data.usAirports()`: the US airport network of 2008 (flight counts between airports, with names and
 * coordinates), read from the npm package `vega-datasets`. Node-only: it reads the package's CSV files.
 */
import type * as CsvParseSync from "csv-parse/sync";
import { lazy } from "../io/lazy";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { readPackageFile } from "./packages";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (io/lazy.ts says why)
const csv = lazy(() => require("csv-parse/sync") as typeof CsvParseSync);

export interface UsAirportsOptions {
  /**
   * true (default): W(i, j) = number of flights from airport i to airport j. false: the undirected network
   * W + Wᵀ (flights between i and j in either direction), symmetric as the graph and embed functions want.
   */
  directed?: boolean;
  /** Also keep the airports of airports.csv without any flight (isolated nodes). Default false: the 305 that have flights. */
  isolated?: boolean;
}

export interface UsAirports {
  /** Flight counts (see `directed`), n × n; no self-loops. */
  W: CsrMatrix;
  /** IATA / FAA location codes, e.g. "ORD", in airports.csv order (sorted by code). */
  nodes: string[];
  /** Airport names, e.g. "Chicago O'Hare International". */
  names: string[];
  /** City, "" where the file says NA. */
  cities: string[];
  /** Two-letter state or territory, "" where the file says NA. */
  states: string[];
  /** Country: "USA" for the 305 airports with flights; 4 isolated ones are in Thailand, Palau, the N Mariana Islands and Micronesia. */
  countries: string[];
  /** Latitude in degrees (WGS 84). */
  lat: Float64Array;
  /** Longitude in degrees, negative west of Greenwich. */
  lon: Float64Array;
}

/**
 * The US airport network: 305 airports with commercial flights in 2008 and the number of flights on each
 * route, with IATA codes, names, cities and coordinates, for graph embeddings and clustering that can be
 * checked on a map.
 *
 * Source: `data/airports.csv` (3 376 airports: FAA/Data.gov airport list) and `data/flights-airport.csv`
 * (5 366 directed routes with their 2008 flight counts, 7 009 728 flights: U.S. Bureau of Transportation
 * Statistics on-time data) of the npm package `vega-datasets` 3.2.1, read at run time (275 kB). License: U.S.
 * Government works (public domain, usa.gov/government-works), as the package's datapackage.json states; the
 * packaging is BSD-3-Clause. Parsed with csv-parse (a few names are quoted: "Union County, Troy Shelton").
 *
 * @example
 * ```ts
 * const air = data.usAirports();
 * air.nodes.length; // => 305
 * const ord = air.nodes.indexOf("ORD");
 * air.names[ord]; // => "Chicago O'Hare International"
 * air.lat[ord]; // => 41.979595
 * air.lon[ord]; // => -87.90446417
 * air.W.get(air.nodes.indexOf("ATL"), ord); // => 7677
 * ```
 */
export function usAirports(opts: UsAirportsOptions = {}): UsAirports {
  checkOptions("data.usAirports", opts, { directed: opt.boolean, isolated: opt.boolean });
  const directed = opts.directed ?? true;
  const airports = csv().parse(readPackageFile("vega-datasets", "data", "airports.csv"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const flights = csv().parse(readPackageFile("vega-datasets", "data", "flights-airport.csv"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

  const byCode = new Map<string, number>();
  airports.forEach((a, k) => byCode.set(a.iata, k));
  const from: number[] = [];
  const to: number[] = [];
  const count: number[] = [];
  const used = new Uint8Array(airports.length);
  flights.forEach((f, k) => {
    const line = k + 2; // 1-based, after the header line
    const i = byCode.get(f.origin);
    const j = byCode.get(f.destination);
    if (i === undefined || j === undefined) {
      throw new EigenlabError("missing-data", message.airportsBadRow("flights-airport.csv", line, `airport ${i === undefined ? f.origin : f.destination} is not in airports.csv`));
    }
    const c = Number(f.count);
    if (!Number.isInteger(c) || c < 0) throw new EigenlabError("missing-data", message.airportsBadRow("flights-airport.csv", line, `count ${JSON.stringify(f.count)} is not a flight count`));
    from.push(i);
    to.push(j);
    count.push(c);
    used[i] = used[j] = 1;
  });

  const keep: number[] = [];
  const local = new Int32Array(airports.length).fill(-1);
  for (let k = 0; k < airports.length; k++) if (opts.isolated || used[k]) { local[k] = keep.length; keep.push(k); }
  const n = keep.length;
  const ii: number[] = [];
  const jj: number[] = [];
  const vv: number[] = [];
  for (let e = 0; e < from.length; e++) {
    ii.push(local[from[e]]);
    jj.push(local[to[e]]);
    vv.push(count[e]);
    // Undirected: each route also counts the other way, so W(i, j) = flights i → j plus flights j → i.
    if (!directed) { ii.push(local[to[e]]); jj.push(local[from[e]]); vv.push(count[e]); }
  }
  const coord = (k: number, field: "latitude" | "longitude"): number => {
    const v = Number(airports[k][field]);
    if (airports[k][field] === "" || !Number.isFinite(v)) throw new EigenlabError("missing-data", message.airportsBadRow("airports.csv", k + 2, `${field} ${JSON.stringify(airports[k][field])} is not a number`));
    return v;
  };
  const text = (v: string): string => (v === "NA" ? "" : v);
  return {
    W: CsrMatrix.fromTriplets(n, n, ii, jj, vv),
    nodes: keep.map((k) => airports[k].iata),
    names: keep.map((k) => airports[k].name),
    cities: keep.map((k) => text(airports[k].city)),
    states: keep.map((k) => text(airports[k].state)),
    countries: keep.map((k) => airports[k].country),
    lat: Float64Array.from(keep, (k) => coord(k, "latitude")),
    lon: Float64Array.from(keep, (k) => coord(k, "longitude")),
  };
}
