"""The Certificates page: issue, print, save, revoke, re-issue and verify certificates."""
