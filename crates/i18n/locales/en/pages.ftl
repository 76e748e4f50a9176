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
