-- Districts ranked on one indicator in one year: one row per district with a value, rank 1 = best for the desired direction.
with district_values as (
    select o.area_code as district_code, o.value, o.provenance, o.source_title, o.year
    from observations as o
    where o.indicator_id = $indicator_id
      and o.area_level = 'district'
      and o.year = $year
),

direction as (
    select direction from indicators where indicator_id = $indicator_id
),

final as (
    select
        v.*,
        rank() over (
            order by case when d.direction = 'decrease' then v.value else -v.value end
        ) as rank,
        count(*) over () as districts_ranked
    from district_values as v
    cross join direction as d
    order by rank, district_code
)

select * from final
