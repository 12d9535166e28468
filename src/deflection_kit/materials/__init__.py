"""Workshop paper: facilitator guide, handouts, resource guide, worksheet and forms."""
