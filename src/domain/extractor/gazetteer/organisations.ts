/**
 * Organisations that give, channel, ask for or report aid and case counts: the canonical name is
 * the acronym reports use; aliases are every other spelling. Kinds let attribution tell an
 * agency from a news outlet. Add an organisation with one entry here.
 */

export type OrganisationKind =
  | 'un'
  | 'alliance'
  | 'red_cross'
  | 'ngo'
  | 'bank'
  | 'donor_agency'
  | 'public_health'
  | 'ministry'
  | 'bloc'
  | 'company'
  | 'state_media'
  | 'media';

export interface OrganisationEntry {
  name: string;
  fullName: string;
  kind: OrganisationKind;
  aliases: string[];
}

const org = (
  name: string,
  fullName: string,
  kind: OrganisationKind,
  aliases: string[] = [],
): OrganisationEntry => ({ name, fullName, kind, aliases });

export const ORGANISATIONS: OrganisationEntry[] = [
  org('WHO', 'World Health Organization', 'un', [
    'World Health Organisation',
    'WHO Europe',
    'WHO Regional Office for Europe',
  ]),
  org('UNICEF', "United Nations Children's Fund", 'un', [
    'Unicef',
    "UN Children's Fund",
    "U.N. Children's Fund",
    'UN Childrens Fund',
  ]),
  org('UN', 'United Nations', 'un', ['U.N.', 'UN agencies', 'United Nations agencies']),
  org('WFP', 'World Food Programme', 'un', [
    'World Food Program',
    'UN World Food Programme',
    'U.N. World Food Program',
  ]),
  org('UNHCR', 'United Nations High Commissioner for Refugees', 'un', [
    'UN Refugee Agency',
    'UN refugee agency',
  ]),
  org('OCHA', 'Office for the Coordination of Humanitarian Affairs', 'un', [
    'UN Office for the Coordination of Humanitarian Affairs',
  ]),
  org('UNDP', 'United Nations Development Programme', 'un', ['UN Development Programme']),
  org('UNFPA', 'United Nations Population Fund', 'un', ['UN Population Fund']),
  org('UNRWA', 'United Nations Relief and Works Agency for Palestine Refugees', 'un'),
  org('UNOPS', 'United Nations Office for Project Services', 'un'),
  org('CERF', 'Central Emergency Response Fund', 'un', ['UN Central Emergency Response Fund']),
  org('IOM', 'International Organization for Migration', 'un'),
  org('FAO', 'Food and Agriculture Organization', 'un'),
  org('PAHO', 'Pan American Health Organization', 'un', ['Pan-American Health Organization']),
  org('UNAIDS', 'Joint United Nations Programme on HIV/AIDS', 'un'),
  org('COVAX', 'COVAX Facility', 'alliance', [
    'Covax',
    'Covax facility',
    'COVAX facility',
    'COVAX initiative',
    'COVAX scheme',
    'COVAX programme',
    'COVAX program',
    'COVAX mechanism',
  ]),
  org('Gavi', 'Gavi, the Vaccine Alliance', 'alliance', [
    'GAVI',
    'Vaccine Alliance',
    'GAVI Alliance',
    'Gavi Alliance',
  ]),
  org('CEPI', 'Coalition for Epidemic Preparedness Innovations', 'alliance'),
  org('AVAT', 'African Vaccine Acquisition Trust', 'alliance'),
  org('Global Fund', 'Global Fund to Fight AIDS, Tuberculosis and Malaria', 'alliance', [
    'The Global Fund',
  ]),
  org('ICG', 'International Coordinating Group on Vaccine Provision', 'alliance'),
  org('IFRC', 'International Federation of Red Cross and Red Crescent Societies', 'red_cross', [
    'International Federation of the Red Cross',
    'International Federation of Red Cross',
  ]),
  org('ICRC', 'International Committee of the Red Cross', 'red_cross'),
  org('Red Cross', 'Red Cross', 'red_cross', ['Red Crescent', 'Red Cross Society']),
  org('MSF', 'Médecins Sans Frontières', 'ngo', [
    'Medecins Sans Frontieres',
    'Doctors Without Borders',
  ]),
  org('Save the Children', 'Save the Children', 'ngo'),
  org('Oxfam', 'Oxfam International', 'ngo'),
  org('World Vision', 'World Vision International', 'ngo'),
  org('IRC', 'International Rescue Committee', 'ngo'),
  org('CARE', 'CARE International', 'ngo'),
  org('Direct Relief', 'Direct Relief', 'ngo'),
  org('Americares', 'Americares', 'ngo'),
  org('Project HOPE', 'Project HOPE', 'ngo'),
  org('Partners In Health', 'Partners In Health', 'ngo'),
  org('Islamic Relief', 'Islamic Relief Worldwide', 'ngo'),
  org('Sabin Vaccine Institute', 'Sabin Vaccine Institute', 'ngo', ['Sabin']),
  org('Gates Foundation', 'Bill & Melinda Gates Foundation', 'ngo', [
    'Bill and Melinda Gates Foundation',
    'Gates Foundation',
  ]),
  org('Wellcome', 'Wellcome Trust', 'ngo'),
  org('Rotary', 'Rotary International', 'ngo'),
  org('World Bank', 'World Bank', 'bank', [
    'World Bank Group',
    'IDA',
    'International Development Association',
    'IBRD',
  ]),
  org('IMF', 'International Monetary Fund', 'bank'),
  org('AfDB', 'African Development Bank', 'bank'),
  org('ADB', 'Asian Development Bank', 'bank'),
  org('AIIB', 'Asian Infrastructure Investment Bank', 'bank'),
  org('IDB', 'Inter-American Development Bank', 'bank', ['IADB']),
  org('IsDB', 'Islamic Development Bank', 'bank'),
  org('EIB', 'European Investment Bank', 'bank'),
  org('Afreximbank', 'African Export-Import Bank', 'bank'),
  org('USAID', 'United States Agency for International Development', 'donor_agency', [
    'U.S. Agency for International Development',
    'US Agency for International Development',
  ]),
  org('JICA', 'Japan International Cooperation Agency', 'donor_agency'),
  org('ECHO', 'European Civil Protection and Humanitarian Aid Operations', 'donor_agency', [
    'EU Humanitarian Aid',
  ]),
  org('FCDO', 'Foreign, Commonwealth and Development Office', 'donor_agency', [
    'Foreign, Commonwealth & Development Office',
    'UK aid',
  ]),
  org('DFID', 'Department for International Development', 'donor_agency'),
  org('KOICA', 'Korea International Cooperation Agency', 'donor_agency'),
  org('GIZ', 'Deutsche Gesellschaft für Internationale Zusammenarbeit', 'donor_agency'),
  org('KSrelief', 'King Salman Humanitarian Aid and Relief Centre', 'donor_agency', [
    'King Salman Humanitarian Aid and Relief Center',
  ]),
  org('Sida', 'Swedish International Development Cooperation Agency', 'donor_agency'),
  org('DFAT', 'Department of Foreign Affairs and Trade', 'donor_agency'),
  org('Africa CDC', 'Africa Centres for Disease Control and Prevention', 'public_health', [
    'Africa Centers for Disease Control and Prevention',
  ]),
  org('CDC', 'Centers for Disease Control and Prevention', 'public_health', [
    'U.S. Centers for Disease Control and Prevention',
    'US Centers for Disease Control and Prevention',
  ]),
  org('ECDC', 'European Centre for Disease Prevention and Control', 'public_health'),
  org('NCDC', 'Nigeria Centre for Disease Control', 'public_health'),
  org('China CDC', 'Chinese Center for Disease Control and Prevention', 'public_health'),
  org('Ministry of Health', 'Ministry of Health', 'ministry', [
    'Health Ministry',
    'health ministry',
    'MoH',
    'MOH',
    'Ministry of Public Health',
    'Ministry of Health and Social Welfare',
    'Department of Health',
    'National Health Commission',
  ]),
  org('EU', 'European Union', 'bloc', ['E.U.', 'European Commission']),
  org('African Union', 'African Union', 'bloc', ['AU']),
  org('ASEAN', 'Association of Southeast Asian Nations', 'bloc'),
  org('Gilead Sciences', 'Gilead Sciences', 'company', ['Gilead']),
  org('Pfizer', 'Pfizer', 'company'),
  org('Bavarian Nordic', 'Bavarian Nordic', 'company'),
  org('Serum Institute of India', 'Serum Institute of India', 'company'),
  org('KCNA', 'Korean Central News Agency', 'state_media'),
  org('Xinhua', 'Xinhua News Agency', 'state_media'),
  org('WAM', 'Emirates News Agency', 'state_media'),
  org('SPA', 'Saudi Press Agency', 'state_media'),
  org('IRNA', 'Islamic Republic News Agency', 'state_media'),
  org('TASS', 'TASS', 'state_media'),
  org('ANTARA', 'Antara News Agency', 'state_media', ['Antara']),
  org('APP', 'Associated Press of Pakistan', 'state_media'),
  org('Reuters', 'Reuters', 'media'),
  org('AFP', 'Agence France-Presse', 'media'),
  org('AP', 'Associated Press', 'media'),
  org('dpa', 'Deutsche Presse-Agentur', 'media'),
  org('Yonhap', 'Yonhap News Agency', 'media'),
];
