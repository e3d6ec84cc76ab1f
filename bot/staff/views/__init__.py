"""The console's blueprints: auth, conversations, referrals, dashboard, admin, assets."""
