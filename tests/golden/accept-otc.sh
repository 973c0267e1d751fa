curl -X POST 'https://console.example.com/vpcep/v1/7c4e2a9b1d3f4e5a8b6c0d2e4f6a8b0c/vpc-endpoint-services/3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6/connections/action' \
  -H 'Accept: application/json' \
  -H "X-Auth-Token: $TOKEN" \
  -H 'Content-Type: application/json' \
  --data-raw '{"action":"receive","endpoints":["0a1b2c3d-0001-4001-8333-444455556666"]}'