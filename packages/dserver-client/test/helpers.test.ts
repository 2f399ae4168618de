// The pure helpers: X-Pagination and X-Sort parsing, sort values, README YAML, dataset dates.
import {
  type DatasetSortField,
  datasetDate,
  HeaderFormatError,
  parsePageInfo,
  parseReadme,
  parseSortHeader,
  readPageInfo,
  sortBy,
} from "@sciclients/dserver-client";
import { describe, expect, it } from "vitest";
import { README_DATA, README_TEXT } from "./fixtures.js";

describe("X-Pagination", () => {
  it("parses every field into camel-cased page info", () => {
    const info = parsePageInfo(
      '{"total": 42, "total_pages": 5, "first_page": 1, "last_page": 5, "page": 2, "previous_page": 1, "next_page": 3}',
    );
    expect(info).toEqual({ total: 42, totalPages: 5, firstPage: 1, lastPage: 5, page: 2, previousPage: 1, nextPage: 3 });
  });

  it("leaves missing fields undefined (last page: no next_page; past the end: no page)", () => {
    expect(parsePageInfo('{"total": 3, "total_pages": 1, "first_page": 1, "last_page": 1, "page": 1}')).toEqual({
      total: 3,
      totalPages: 1,
      firstPage: 1,
      lastPage: 1,
      page: 1,
      previousPage: undefined,
      nextPage: undefined,
    });
    const past = parsePageInfo('{"total": 3, "total_pages": 1, "previous_page": 1}');
    expect(past?.page).toBeUndefined();
    expect(past?.previousPage).toBe(1);
  });

  it("gives undefined when there is no header", () => {
    expect(parsePageInfo(undefined)).toBeUndefined();
    expect(parsePageInfo(null)).toBeUndefined();
    expect(parsePageInfo("  ")).toBeUndefined();
    expect(readPageInfo({ "content-type": "application/json" })).toBeUndefined();
  });

  it("reads the header whatever the case of its name", () => {
    expect(readPageInfo({ "x-pagination": '{"total": 1, "total_pages": 1}' })?.total).toBe(1);
    expect(readPageInfo({ "X-Pagination": '{"total": 2, "total_pages": 1}' })?.total).toBe(2);
  });

  it.each([
    ["not JSON", "total=42; pages=5", "is not valid JSON"],
    ["a JSON array", "[1, 2]", "is not a JSON object"],
    ["a JSON string", '"42"', "is not a JSON object"],
    ["a field of the wrong type", '{"total": "42", "total_pages": 5}', '"total" that is not a whole number'],
    ["a fractional page", '{"total": 42, "page": 1.5}', '"page" that is not a whole number'],
  ])("a malformed header (%s) throws an error naming the header", (_, value, problem) => {
    let caught: unknown;
    try {
      parsePageInfo(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HeaderFormatError);
    const error = caught as HeaderFormatError;
    expect(error.header).toBe("X-Pagination");
    expect(error.value).toBe(value);
    expect(error.message).toContain("X-Pagination");
    expect(error.message).toContain(problem);
  });
});

describe("X-Sort", () => {
  it("parses the applied order", () => {
    expect(parseSortHeader('{"sort": {"uri": 1, "name": -1}}')).toEqual({ uri: 1, name: -1 });
    expect(parseSortHeader(undefined)).toBeUndefined();
  });

  it("a malformed X-Sort throws an error naming that header", () => {
    expect(() => parseSortHeader('{"sort": {"uri": "up"}}')).toThrow(/X-Sort response header has "uri" that is neither 1 nor -1/);
    expect(() => parseSortHeader("uri")).toThrow(HeaderFormatError);
  });
});

describe("sortBy", () => {
  it("joins an array of keys into one comma-separated value, signs kept", () => {
    expect(sortBy(["uri", "-name"])).toBe("uri,-name");
    expect(sortBy(["+uri", "-frozen_at", "name"])).toBe("+uri,-frozen_at,name");
  });

  it("turns an object of directions into keys in the object's order", () => {
    expect(sortBy({ uri: "asc", name: "desc" })).toBe("uri,-name");
    expect(sortBy({ frozen_at: -1, creator_username: 1 })).toBe("-frozen_at,creator_username");
  });

  it("checks typed fields at compile time and passes a joined value through", () => {
    const fields: DatasetSortField[] = ["base_uri", "created_at"];
    expect(sortBy<DatasetSortField>([...fields, "-uuid"])).toBe("base_uri,created_at,-uuid");
    expect(sortBy("uri,-name")).toBe("uri,-name");
  });

  it("gives undefined for an empty order, so the server's default applies", () => {
    expect(sortBy([])).toBeUndefined();
    expect(sortBy({})).toBeUndefined();
    expect(sortBy(undefined)).toBeUndefined();
  });

  it("refuses keys that are not field names and unknown directions", () => {
    expect(() => sortBy(["uri,name"])).toThrow(/"uri,name" is not a field name/);
    expect(() => sortBy(["--name"])).toThrow(TypeError);
    expect(() => sortBy(["-"])).toThrow(TypeError);
    expect(() => sortBy({ name: "down" as "asc" })).toThrow(/direction of "name" must be/);
  });
});

describe("parseReadme", () => {
  it("parses README YAML into the fields yaml.safe_load gives (dates stay strings)", () => {
    const readme = parseReadme(README_TEXT);
    expect(readme.text).toBe(README_TEXT);
    expect(readme.data).toEqual(README_DATA);
    expect(readme.yamlError).toBeUndefined();
  });

  it("an empty README parses to null", () => {
    expect(parseReadme("")).toEqual({ text: "", data: null });
  });

  it("text that is not YAML keeps the text and says why", () => {
    const text = "description: [unclosed\n";
    const readme = parseReadme(text);
    expect(readme.text).toBe(text);
    expect(readme.data).toBeUndefined();
    expect(readme.yamlError?.name).toBe("YAMLParseError");
  });

  it("several YAML documents are not one README object", () => {
    const readme = parseReadme("a: 1\n---\nb: 2\n");
    expect(readme.data).toBeUndefined();
    expect(readme.yamlError?.message).toMatch(/multiple documents/);
  });
});

describe("datasetDate", () => {
  it("reads epoch seconds, numeric strings and HTTP dates", () => {
    expect(datasetDate(1604860720.736).toISOString()).toBe("2020-11-08T18:38:40.736Z");
    expect(datasetDate("1604860720").toISOString()).toBe("2020-11-08T18:38:40.000Z");
    expect(datasetDate("Sun, 08 Nov 2020 18:38:40 GMT").toISOString()).toBe("2020-11-08T18:38:40.000Z");
  });

  it("refuses values that are no date", () => {
    expect(() => datasetDate("yesterday")).toThrow(/"yesterday" is neither epoch seconds nor a date/);
    expect(() => datasetDate(Number.NaN)).toThrow(TypeError);
  });
});
