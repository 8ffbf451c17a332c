-- Forest of every district in $year with its change since the baseline (the first year of forest data): one row per district.
with chosen_year as (
    select * from forest where year = $year
),

baseline as (
    select district_code, cover_pct as baseline_cover_pct, certified_area_ha as baseline_certified_ha
    from forest
    where year = (select min(year) from forest)  -- the baseline: the first year of forest data
),

final as (
    select
        c.district_code, c.year, c.natural_area_ha, c.forest_area_ha, c.cover_pct,
        c.cover_pct - b.baseline_cover_pct as cover_change_pct_points,
        c.cover_provenance, c.certified_area_ha,
        c.certified_area_ha - b.baseline_certified_ha as certified_change_ha,
        c.certified_provenance, c.source_title, c.source_url
    from chosen_year as c
    left join baseline as b using (district_code)
    order by c.district_code
)

select * from final
