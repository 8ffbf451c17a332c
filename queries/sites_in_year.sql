-- KCN/CCN sites as they stood in $year: one row per site with its wastewater-treatment status, area, occupancy and provenance.
with status_in_year as (
    select
        site_id, operating, wwtp_status, wwtp_capacity_m3_day, occupancy_pct,
        provenance as status_provenance, note as status_note
    from site_status
    where year = $year
),

final as (
    select
        s.site_id, s.name, s.kind, s.district_code, s.area_ha, s.lon, s.lat,
        s.district_basis, s.provenance as site_provenance, s.source_title, s.source_url,
        y.operating, y.wwtp_status, y.wwtp_capacity_m3_day, y.occupancy_pct,
        y.status_provenance, y.status_note
    from sites as s
    join status_in_year as y using (site_id)
    order by s.district_code, s.kind, s.name
)

select * from final
