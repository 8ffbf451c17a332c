-- Share of operating KCN/CCN with central wastewater treatment in $year: one row per district with operating sites.
with operating_sites as (
    select s.district_code, y.wwtp_status, y.provenance
    from site_status as y
    join sites as s using (site_id)
    where y.year = $year
      and y.operating
),

final as (
    select
        district_code,
        count(*) as operating_sites,
        count(*) filter (where wwtp_status = 'operating') as with_treatment,
        round(100.0 * count(*) filter (where wwtp_status = 'operating') / count(*), 1)
            as coverage_pct,
        case when bool_and(provenance <> 'illustrative') then 'reported' else 'illustrative' end
            as provenance
    from operating_sites
    group by district_code
    order by district_code
)

select * from final
