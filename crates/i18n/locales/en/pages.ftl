# The web pages (English). Ids and variables match ar/pages.ftl.
pages-app-name = Tahawul
pages-skip = Skip to main content
pages-lang-other = العربية
pages-digits-arabic-indic = Arabic-Indic digits
pages-digits-latin = Latin digits
pages-nav-dashboard = Dashboard
pages-sign-in-title = Sign in
pages-sign-in-name = User name
pages-sign-in-password = Password
pages-sign-in-submit = Sign in
pages-sign-in-failed = The user name or password is not right.
pages-sign-out = Sign out
pages-signed-in-as = Signed in as { $name } ({ $role })
pages-role-secretariat = secretariat
pages-role-delegation-head = delegation head
pages-role-delegation-member = delegation member
pages-role-working-group-member = working-group member
pages-role-coalition-partner = coalition partner
pages-role-auditor = auditor
pages-csrf-refused = This form has expired or did not come from this site. Reload the page and try again.
pages-dashboard-title = Dashboard
pages-as-of = As of { $date }
pages-heatmap-title = Status of each factor by area
pages-heatmap-desc = { PLURAL($areas) ->
    [one] One area
   *[other] { $areas } areas
} by { PLURAL($factors) ->
    [one] one factor
   *[other] { $factors } factors
}: { $met } met, { $notmet } not met, { $stale } stale, { $nodata } without data.
pages-heatmap-empty = There is no area or factor you may see.
pages-cell-title = { $area }, { $factor }: { $status }
pages-gates-title = Phase gates
pages-gate-areas-met = { PLURAL($total) ->
    [one] { $met } of { $total } area met
   *[other] { $met } of { $total } areas met
}
pages-gates-empty = There is no phase you may see.
pages-col-phase = Phase
pages-col-gate = Gate
pages-col-areas = Areas
pages-commitments-title = Commitments by party
pages-col-party = Party
pages-col-total = Total
pages-commitments-empty = There is no commitment you may see.
pages-nav-label = Main navigation
pages-nav-indicators = Indicators
pages-nav-forecast = Forecast
pages-nav-gates = Gate editor
pages-nav-assessments = Assessments
pages-nav-commitments = Commitments
pages-nav-rounds = Rounds
pages-nav-consultations = Consultation
pages-nav-report = Cycle report
pages-nav-intake = Statements
pages-nav-users = Users
pages-nav-audit = Audit log
pages-nav-settings = Settings
pages-nav-inbox = Inbox
pages-nav-inbox-count = { PLURAL($count) ->
    [one] One item in your inbox
   *[other] { $count } items in your inbox
}

## Tables (pages/table.rs): sort, filter, search, pages, CSV.
pages-table-tools = Search and filter: { $table }
pages-table-search = Search
pages-table-any = (any)
pages-table-apply = Show
pages-table-csv = Download as CSV
pages-table-rows = { $count ->
    [one] One row
   *[other] { $count } rows
}
pages-table-pages = Pages of { $table }
pages-table-page-of = Page { $page } of { $pages } (rows { $first } to { $last } of { $count })
pages-table-first = First page
pages-table-previous = Previous page
pages-table-next = Next page
pages-table-last = Last page
pages-table-same-as-above = Same as the row above
pages-table-bad-page = “{ $value }” is not a page number, so the first page is shown. Give a whole page number, such as { $example }.
pages-table-bad-per = “{ $value }” is not a number of rows per page, so { $per } are shown. Give a whole number up to { $max }.
pages-table-bad-dir = “{ $value }” is not a sort direction, so the column's usual direction is used. Use asc or desc.
pages-table-bad-sort = This table has no column “{ $value }” to sort by, so it keeps its usual order. Choose a column by clicking its header.
pages-table-past-end = There is no page { $page }: the table has { $pages }, so the last one is shown.
