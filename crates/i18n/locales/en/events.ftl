# Importing conflict event datasets (UCDP GED, ACLED) into indicator series (English).
events-empty-file = { $file } is empty: it has no header row
events-header-help = export the file from { $dataset } as CSV with its header row; docs/import-events.md lists the columns read
events-missing-columns = { PLURAL($count) ->
    [one] the header lacks the { $dataset } column { $columns }
   *[other] the header lacks the { $dataset } columns { $columns }
}
events-rename-columns = the header has similar names: rename { $renames }, or check that the file is the dataset the definition names
events-row-length = this row has { $found } fields where the header has { $expected }
events-row-length-help = the row is cut short or has an unquoted comma; quote fields that contain commas, or export the file again
events-not-utf8 = the field { $column } is not UTF-8 text
events-not-utf8-help = save or export the file as UTF-8
events-bad-date = { $column } is { $value }, which is not a date
events-bad-date-help = write dates as YYYY-MM-DD (2024-09-27) or as 27 September 2024, and check that the day exists
events-date-order = the event ends ({ $end }) before it starts ({ $start })
events-bad-count = { $column } is { $value }: it must be a whole number of zero or more
events-bad-code = { $column } is { $value }: it must be a whole number from { $min } to { $max }
events-line-too-long = a line is longer than { $limit } bytes, so the file is not a dataset export (or is damaged)
events-line-too-long-help = check that the file is the CSV export itself, not a compressed or binary file
events-unreadable = the file cannot be read: { $detail }
events-unknown-place = { $name } is not a first-level subdivision of { $country } that Tahawul knows
events-unknown-place-suggest = { $name } is not a first-level subdivision of { $country } that Tahawul knows; did you mean { $suggestion }?
events-ambiguous-place = { $name } could be more than one subdivision of { $country }: { $codes }
events-unknown-place-help = list the dataset's spelling under the area's `places` in case.toml (as "{ $country }:name"), or give the ISO 3166-2 code
events-more-problems = { PLURAL($count) ->
    [one] and one more problem
   *[other] and { $count } more problems
}
events-iso-codes-missing = the ISO 3166 lists cannot be read: { $detail }
events-iso-codes-missing-help = install Debian's iso-codes package (apt-get install iso-codes)
events-unknown-code = the area { $area } lists { $code }, which is not an ISO 3166 country or subdivision code
events-bad-place-name = the area { $area } lists the place { $name }: write a named place as a country code, a colon and the name (IQ:Halabja)
# Storing an import (issue 15).
store-definition-changed = The import definition changed while the file was read: import again
store-release-other-file = Release { $release } was imported by { $definition } from another file: name this file's release differently (e.g. { $release }-2), or check that it is the file you meant
store-bad-release = A release is a short name without control characters (23.1, 2025-05-20)
store-no-figures = The file gives no figure: no month is in the definition's range
# tahawul import events (issue 15).
events-cli-about = Import a UCDP GED or ACLED export into an indicator's monthly figures by area, all or nothing
events-cli-arg-definition = the import definition (imports.toml) to read the file by
events-cli-arg-release = the dataset's release (GED 24.1; ACLED: the download date); read from a GED file's name when left out
events-unknown-definition = the case has no import definition `{ $id }`
events-no-definitions-help = add an [[import]] table to the bundle's imports.toml (docs/bundle-format.md) and load the case again
events-no-places = no area of the case lists its places, so no event can be placed
events-no-places-help = list each area's ISO 3166-2 codes under `places` in case.toml (docs/bundle-format.md)
events-release-needed = the release of { $file } is not in its name
events-release-needed-help = name it with --release (for { $dataset }: the version, e.g. 24.1, or the download date)
events-import-refused = { PLURAL($count) ->
    [one] nothing was imported: the file has a problem
   *[other] nothing was imported: the file has { $count } problems
}
events-import-refused-help = fix the rows named above (or export the file again) and import it again
events-imported = { $figures } monthly figures of { $indicator } written ({ $from } to { $to }, release { $release }): { $counted } of { $rows } events counted
events-revised = they revise release { $release }, whose figures stay in the indicator's history
events-unchanged = nothing changed: this file was imported by this definition as release { $release } on { $at }
events-left-other-countries = { $count } events in countries no area covers
events-left-not-taken = { $count } events of kinds, actors or precision the definition does not take
events-left-spanning = { $count } events spanning two months, left out (the definition's spanning rule)
events-left-country-level = { $count } events placed only at country level, where no area covers the whole country
events-left-outside-months = { $count } events outside the definition's months
events-citations-title = Data sources
events-citation-ucdp = Figures from the UCDP Georeferenced Event Dataset { $release } (CC BY 4.0). Cite: Davies, S., Engström, G., Pettersson, T. & Öberg, M. (2024). Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4); Sundberg, R. & Melander, E. (2013). Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4), 523–532.
events-citation-acled = Figures from ACLED data accessed { $release }. Armed Conflict Location & Event Data Project (ACLED); www.acleddata.com. ACLED's rows are not passed on.
store-release-older = Release { $release } is older than release { $newer }, which { $definition } has already imported: its figures would replace newer ones
store-release-older-help = to restore older figures on purpose, import it again with --older (the API's older=true, the box on the indicator page); otherwise import release { $newer } or a newer one
events-cli-arg-older = import a release older than one already imported (restores older figures)
