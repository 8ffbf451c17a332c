-- Forest of every district in $year with its change since the 2020 baseline: one row per district.
with chosen_year as (
    select * from forest where year = $year
),

baseline as (
    select district_code, cover_pct as cover_pct_2020, certified_area_ha as certified_area_ha_2020
    from forest
    where year = 2020
),

final as (
    select
        c.district_code, c.year, c.natural_area_ha, c.forest_area_ha, c.cover_pct,
        c.cover_pct - b.cover_pct_2020 as cover_change_pct_points,
        c.cover_provenance, c.certified_area_ha,
        c.certified_area_ha - b.certified_area_ha_2020 as certified_change_ha,
        c.certified_provenance, c.source_title, c.source_url
    from chosen_year as c
    left join baseline as b using (district_code)
    order by c.district_code
)

select * from final
