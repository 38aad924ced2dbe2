import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CALENDAR_DIR, loadBundledLayers, readBundledManifest } from './bundled.js';

describe('bundled calendar data', () => {
  it('lists every file in the manifest, each where it says', async () => {
    const manifest = await readBundledManifest();
    expect(manifest.files.map(({ region, year, provisional }) => [region, year, provisional])).toEqual([
      ['ru', 2024, false],
      ['ru', 2025, false],
      ['ru', 2026, false],
      ['ru', 2027, true],
      ['tatarstan', 2024, false],
      ['tatarstan', 2025, false],
      ['tatarstan', 2026, false],
    ]);
    for (const file of manifest.files) {
      expect(file.path).toBe(`${file.region}/${file.year}/calendar.xml`);
      await access(path.join(BUNDLED_CALENDAR_DIR, file.path));
    }
    const onDisk = (await readdir(BUNDLED_CALENDAR_DIR, { recursive: true }))
      .filter((name) => name.endsWith('.xml'))
      .map((name) => name.split(path.sep).join('/'))
      .sort();
    expect(onDisk).toEqual(manifest.files.map((file) => file.path).sort());
  });

  it('names the decree of each federal year', async () => {
    const { files } = await readBundledManifest();
    const source = (year: number) => files.find((file) => file.region === 'ru' && file.year === year)?.source;
    expect(source(2024)).toContain('№ 1314');
    expect(source(2025)).toContain('№ 1335');
    expect(source(2026)).toContain('№ 1466');
  });

  it('loads the federal layer below the region', async () => {
    const layers = await loadBundledLayers('tatarstan');
    expect(layers.map((layer) => [layer.name, layer.years.map((file) => file.calendar.year)])).toEqual([
      ['ru', [2024, 2025, 2026, 2027]],
      ['tatarstan', [2024, 2025, 2026]],
    ]);
  });
});
