/** Provider data: build validation naming file, record and field; the spreadsheet import, good and bad. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblems, loadProviderFiles } from "../../scripts/providers/validate.ts";
import { importProviders } from "../../scripts/providers/import.ts";
import { parseCsv } from "../../scripts/providers/csv.ts";

const dirs: string[] = [];
function copyOfProviders(): string {
  const dir = mkdtempSync(join(tmpdir(), "loi-ve-providers-"));
  cpSync("site/content/providers", dir, { recursive: true });
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));

describe("the committed provider data", () => {
  it("is valid: every listing's province, commune or former district exists", () => {
    const { providers, problems } = loadProviderFiles("site/content/providers");
    expect(problems).toEqual([]);
    expect(providers.length).toBeGreaterThanOrEqual(4);
    for (const p of providers) {
      expect(p.phones, `${p.id}: a phone number needs a cited source`).toEqual([]); // none of the sources gives one
      expect(p.source.title.length).toBeGreaterThan(10);
    }
  });

  it("dates every listing by its source, and links the source when it is on the web", () => {
    // The card's "checked on" is the source's own date (issue 17), so every listing needs one.
    const { providers } = loadProviderFiles("site/content/providers");
    for (const p of providers) {
      expect(p.source.issued, `${p.id}: source.issued`).toMatch(/\d{4}/);
      expect(p.source.url ?? p.source.reference, `${p.id}: source url or seed`).toBeTruthy();
    }
  });

  it("covers the four seed provinces", () => {
    const { providers } = loadProviderFiles("site/content/providers");
    const provinces = new Set(providers.map((p) => p.provinceCode));
    for (const code of ["08", "11", "75", "96"]) expect(provinces.has(code), code).toBe(true);
  });
});

describe("a broken record fails with file, record and field", () => {
  it.each([
    [
      '    provinceCode: "11"\n',
      "    provinceCode: \"11\"\n    phones: [{ number: '12' }]\n",
      "record 1 (11-tuan-giao-health-centre), phones.0.number",
    ],
    [
      '    provinceCode: "11"\n',
      "    provinceCode: \"11\"\n    communeCode: '02536'\n",
      "record 1 (11-tuan-giao-health-centre), communeCode: 02536 (Xã Sơn Dương) is not in province 11",
    ],
    [
      "    type: substitution-clinic\n",
      "    type: hospital\n",
      "record 1 (11-tuan-giao-health-centre), type",
    ],
  ])("%j → %j", (from, to, expected) => {
    const dir = copyOfProviders();
    const file = join(dir, "11-dien-bien.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
    const { problems } = loadProviderFiles(dir);
    expect(formatProblems(problems)).toContain(`11-dien-bien.yaml, ${expected}`);
  });

  it("a file that is not YAML", () => {
    const dir = copyOfProviders();
    writeFileSync(join(dir, "11-dien-bien.yaml"), "providers: [unclosed");
    expect(formatProblems(loadProviderFiles(dir).problems)).toMatch(
      /^11-dien-bien\.yaml, \(file\), \(yaml\)/,
    );
  });
});

describe("npm run providers:import", () => {
  it("imports a good spreadsheet into the provinces' files, merging with what is there", () => {
    const dir = copyOfProviders();
    const result = importProviders(
      readFileSync("tests/fixtures/providers-good.csv", "utf8"),
      "providers-good.csv",
      dir,
    );
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toBe(2);
    const { providers, problems } = loadProviderFiles(dir);
    expect(problems).toEqual([]);
    expect(providers.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        "11-test-counselling",
        "08-test-clinic",
        "11-tuan-giao-health-centre",
        "08-son-duong-methadone",
      ]),
    );
    const clinic = providers.find((p) => p.id === "08-test-clinic")!;
    expect(clinic.phones).toEqual([
      { number: "0207 3123 456", hours: "7:00-11:00", costNote: "Miễn phí" },
    ]);
    expect(clinic.formerDistrict).toEqual({
      name: "Huyện Sơn Dương",
      province: "Tỉnh Tuyên Quang",
    });
    // Importing again replaces, not duplicates.
    importProviders(
      readFileSync("tests/fixtures/providers-good.csv", "utf8"),
      "providers-good.csv",
      dir,
    );
    expect(loadProviderFiles(dir).providers.filter((p) => p.id === "08-test-clinic")).toHaveLength(
      1,
    );
  });

  it("rejects a bad spreadsheet row by row, with reasons, and writes nothing", () => {
    const dir = copyOfProviders();
    const before = snapshot(dir);
    const result = importProviders(
      readFileSync("tests/fixtures/providers-bad.csv", "utf8"),
      "providers-bad.csv",
      dir,
    );
    const report = result.rejected.map((p) => `${p.record} ${p.field}`);
    expect(report).toEqual(
      expect.arrayContaining([
        "row 3 (11-bad-phone) phones.0.number",
        "row 4 (99-no-province) provinceCode",
        "row 5 (11-wrong-commune) communeCode",
        "row 6 (11-no-name) name",
        "row 7 (11-bad-type) type",
        "row 8 (11-ok) id",
      ]),
    );
    expect(report.some((r) => r.startsWith("row 2 "))).toBe(false); // the valid row is not reported
    expect(result.written).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it("reads quoted fields, commas and line breaks inside quotes", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","line\nbreak"\n')).toEqual([
      ["a", "b"],
      ['x, "y"', "line\nbreak"],
    ]);
  });
});
