"""Het advies: inhoud, scenario's, financiering, kortetermijnoplossing, goedkeuring, brief,
toelichting, belangenverstrengeling en opvolging."""
