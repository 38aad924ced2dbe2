-- 0005 Work calendar: a regional layer holds only the region's own days.
-- Frozen once landed: never edit, add a new file instead.

-- A regional xmlcalendar file usually repeats every federal day of its year. `regional_days` is the part of
-- `xml` that is the region's own (an xmlcalendar text): the entries that differ from the municipality's
-- federal calendar of that year as it stood when the file was imported. The federal dates are then decided
-- by the federal layer alone, so a later federal import changes them also where the regional file listed
-- them. `xml` stays the file as loaded. NULL for a federal file, and for a regional one imported before this
-- migration (its own days are then worked out against the bundled federal file when it is read).
ALTER TABLE calendar_imports ADD COLUMN regional_days text;
ALTER TABLE calendar_imports
  ADD CONSTRAINT calendar_imports_regional_days CHECK (layer = 'regional' OR regional_days IS NULL);
