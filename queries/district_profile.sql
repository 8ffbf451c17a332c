-- One district's values of every indicator followed by district, with its rank among districts and the province value: one row per indicator and year.
with district_rows as (
    select indicator_id, area_code, year, value, provenance, source_title
    from observations
    where area_level = 'district'
      and year between $first_year and $last_year
),

ranked as (
    select
        d.*,
        rank() over (
            partition by d.indicator_id, d.year
            order by case when i.direction = 'decrease' then d.value else -d.value end
        ) as rank,
        count(*) over (partition by d.indicator_id, d.year) as districts_ranked
    from district_rows as d
    join indicators as i using (indicator_id)
),

province as (
    select indicator_id, year, value as province_value, provenance as province_provenance
    from observations
    where area_level = 'province'
),

final as (
    select r.indicator_id, r.year, r.value, r.provenance, r.source_title, r.rank,
        r.districts_ranked, p.province_value, p.province_provenance
    from ranked as r
    left join province as p using (indicator_id, year)
    where r.area_code = $district_code
    order by r.indicator_id, r.year
)

select * from final
