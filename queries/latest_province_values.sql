-- The most recent province value of each indicator: one row per indicator with observations up to $last_year.
with province as (
    select indicator_id, year, value, provenance, source_title, source_url
    from observations
    where area_level = 'province'
      and year <= $last_year
),

ranked as (
    select
        *,
        row_number() over (partition by indicator_id order by year desc) as recency
    from province
),

final as (
    select indicator_id, year, value, provenance, source_title, source_url
    from ranked
    where recency = 1
    order by indicator_id
)

select * from final
