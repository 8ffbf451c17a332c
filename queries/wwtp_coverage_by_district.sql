-- Share of operating KCN/CCN with central wastewater treatment in $year: one row per district with operating sites that existed as a district that year.
with operating_sites as (
    select s.district_code, y.wwtp_status, y.provenance
    from site_status as y
    join sites as s using (site_id)
    where y.year = $year
      and y.operating
      and not exists (  -- no district value for a year the district did not exist (Yên Dũng, 2025)
          select 1 from district_years as d
          where d.basis = 'ended' and d.district_code = s.district_code and d.year = y.year
      )
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
